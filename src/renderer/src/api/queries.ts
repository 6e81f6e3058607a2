import { useMutation, useQuery } from '@tanstack/react-query'
import type { UseQueryOptions } from '@tanstack/react-query'
import type { MethodName } from '../../../shared/contract/methods'
import type { MethodParams, MethodResult } from '../../../shared/contract/methods'
import { useClient } from './context'

/** Query keys start with the method name, so a domain's events can invalidate `domain.*` at once. */
export function callKey<M extends MethodName>(method: M, params: MethodParams<M>): [M, MethodParams<M>] {
  return [method, params]
}

type CallQueryOptions<M extends MethodName> = Omit<
  UseQueryOptions<MethodResult<M>, Error, MethodResult<M>, [M, MethodParams<M>]>,
  'queryKey' | 'queryFn'
>

export function useCall<M extends MethodName>(
  method: M,
  params: MethodParams<M>,
  options: CallQueryOptions<M> = {},
) {
  const client = useClient()
  return useQuery({
    queryKey: callKey(method, params),
    queryFn: () => client.call(method, params),
    ...options,
  })
}

/** A write through the contract; failures reach the toasts through the MutationCache. */
export function useCallMutation<M extends MethodName>(
  method: M,
  options: { onSuccess?: (result: MethodResult<M>, params: MethodParams<M>) => void } = {},
) {
  const client = useClient()
  return useMutation({
    mutationKey: [method],
    mutationFn: (params: MethodParams<M>) => client.call(method, params),
    onSuccess: options.onSuccess,
  })
}
