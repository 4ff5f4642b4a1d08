import type { Metadata } from "next";
import { ApiReference } from "../../_components/api-reference/api-reference";
import { getScalarBundle, SCALAR_BUNDLE_PATH } from "./scalar-bundle";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  const { hash } = await getScalarBundle();
  return <ApiReference scriptSrc={`${SCALAR_BUNDLE_PATH}?v=${hash}`} specUrl="/openapi.json" />;
}
