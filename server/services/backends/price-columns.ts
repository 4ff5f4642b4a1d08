import type { BackendPrices } from "../../schemas/backend";

/** A backend's prices as its columns. */
export function priceColumns(prices: BackendPrices) {
  return {
    priceInputPerMillion: prices.input_per_million,
    priceOutputPerMillion: prices.output_per_million,
    pricePerGpuHour: prices.gpu_hour,
  };
}
