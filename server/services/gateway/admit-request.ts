// Admission for one request, against the current set of enabled backends. With no backend at all
// there is nothing to admit to: null, and the caller answers in retrieval-only mode. With cluster
// admission the backends' slots are shared with the other replicas (a round trip to PostgreSQL).
import type { AdmissionRequest, Ticket } from "./gateway";
import { getGateway, syncedBackends } from "./gateway-instance";

export async function admitRequest(request: AdmissionRequest): Promise<Ticket | null> {
  const rows = await syncedBackends();
  if (rows.length === 0) return null;
  const gateway = getGateway();
  return gateway.shared ? gateway.admitShared(request) : gateway.admit(request);
}
