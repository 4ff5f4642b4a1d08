// Admission for one request, against the current set of enabled backends. With no backend at all
// there is nothing to admit to: null, and the caller answers in retrieval-only mode. With cluster
// admission the backends' slots are shared with the other replicas (a round trip to PostgreSQL).
// A request also tells the health monitor there is traffic (probes return to their interval).
// `plan` (SLA control) may amend the request from the gateway's view; it runs synchronously just
// before the gateway takes the request, so that no other request is admitted in between.
import type { AdmissionRequest, Gateway, Ticket } from "./gateway";
import { getGateway, noteHealthDemand, syncedBackends } from "./gateway-instance";

export async function admitRequest(
  request: AdmissionRequest,
  plan?: (gateway: Gateway) => Partial<AdmissionRequest>,
): Promise<Ticket | null> {
  noteHealthDemand();
  const rows = await syncedBackends();
  if (rows.length === 0) return null;
  const gateway = getGateway();
  const planned = plan ? { ...request, ...plan(gateway) } : request;
  return gateway.shared ? gateway.admitShared(planned) : gateway.admit(planned);
}
