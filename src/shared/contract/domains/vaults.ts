import { z } from 'zod'
import { byId, content, deleted, epochMs, id, offset, pageLimit, shortText, title } from '../common'
import { LIMITS } from '../limits'

export const DOCUMENT_TYPES = ['note', 'daily_report', 'weekly_report', 'monthly_report'] as const
export const documentType = z.enum(DOCUMENT_TYPES)
export type DocumentType = z.infer<typeof documentType>
export const tags = z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags)

export const vault = z.object({
  id,
  title: z.string(),
  summary: z.string(),
  content: z.string(),
  tags: z.array(z.string()),
  parentId: id.nullable(),
  isFolder: z.boolean(),
  isDeleted: z.boolean(),
  deletedAt: epochMs.nullable(),
  documentType,
  sortOrder: z.number().int(),
  createdAt: epochMs,
  updatedAt: epochMs,
})
export type Vault = z.infer<typeof vault>

/** A tree node: everything but the (possibly large) body, and how many items are directly inside it. */
export const vaultNode = vault
  .omit({ content: true, summary: true })
  .extend({ childCount: z.number().int().nonnegative() })
export type VaultNode = z.infer<typeof vaultNode>

/** A document named in a list of links: enough to show and open it. */
export const linkedDocument = z.object({ id, title: z.string(), parentId: id.nullable(), updatedAt: epochMs })
export type LinkedDocument = z.infer<typeof linkedDocument>

export const vaultMethods = {
  'vaults.create': {
    description: 'Create a document or a folder. Without parentId it goes to the top level, at the end.',
    input: z.strictObject({
      title,
      content: content.optional(),
      summary: shortText.optional(),
      tags: tags.optional(),
      parentId: id.nullable().optional(),
      isFolder: z.boolean().optional(),
      documentType: documentType.optional(),
    }),
    output: vault,
  },
  'vaults.get': { description: 'One document or folder by id, trashed or not.', input: byId, output: vault },
  'vaults.list': {
    description:
      'Documents and folders. With parentId (null = top level) in folder order; otherwise most recently updated first. trash=true lists the trash.',
    input: z.strictObject({
      parentId: id.nullable().optional(),
      documentType: documentType.optional(),
      from: epochMs.optional(),
      to: epochMs.optional(),
      trash: z.boolean().default(false),
      limit: pageLimit(100),
      offset,
    }),
    output: z.object({ items: z.array(vault), total: z.number().int().nonnegative() }),
  },
  'vaults.tree': {
    description:
      'One level of the folder tree, without bodies, in folder order: the items directly in parentId (null or absent = top level), each with its childCount, a page at a time. trash=true lists what was trashed as a whole, newest first (parentId is then ignored).',
    input: z.strictObject({
      trash: z.boolean().default(false),
      parentId: id.nullable().default(null),
      limit: pageLimit(200),
      offset,
    }),
    output: z.object({ nodes: z.array(vaultNode), total: z.number().int().nonnegative() }),
  },
  'vaults.update': {
    description: 'Change the title, body, summary, tags or type of a document.',
    input: z.strictObject({
      id,
      title: title.optional(),
      content: content.optional(),
      summary: shortText.optional(),
      tags: tags.optional(),
      documentType: documentType.optional(),
    }),
    output: vault,
  },
  'vaults.backlinks': {
    description:
      "Documents (not trashed) whose text has a [[link]] to this document's title, most recently updated first, each with the line that holds the link (at most 200 characters).",
    input: z.strictObject({ id, limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({
      items: z.array(linkedDocument.extend({ excerpt: z.string() })),
    }),
  },
  'vaults.titles': {
    description:
      'Documents (not folders, not trashed) whose title contains query, ignoring case: titles that start with it first, then the most recently updated. For completing a [[link]].',
    input: z.strictObject({
      query: z.string().max(LIMITS.title),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.object({ items: z.array(linkedDocument) }),
  },
  'vaults.resolve': {
    description:
      'The document each [[link]] title names (same title ignoring case and spacing; the most recently updated if several), or id null when none does. Answers in the order asked.',
    input: z.strictObject({ titles: z.array(title).max(200) }),
    output: z.object({ items: z.array(z.object({ title: z.string(), id: id.nullable() })) }),
  },
  'vaults.move': {
    description:
      'Move into a folder (parentId null = top level) at a position among its siblings (default: last).',
    input: z.strictObject({
      id,
      parentId: id.nullable(),
      index: z.number().int().nonnegative().max(1_000_000).optional(),
    }),
    output: vault,
  },
  'vaults.trash': {
    description: 'Move a document or folder (with everything in it) to the trash.',
    input: byId,
    output: vault,
  },
  'vaults.restore': {
    description:
      'Bring a trashed item (and what was trashed with it) back; to the top level if its folder is gone.',
    input: byId,
    output: vault,
  },
  'vaults.delete': {
    description: 'Delete for good, with everything inside a folder. Only items in the trash can be deleted.',
    input: byId,
    output: deleted.extend({ removed: z.number().int().nonnegative() }),
  },
} as const
