// Multipart uploads to the REST API (knowledge files, assistants made from files). XMLHttpRequest
// rather than fetch, because only it reports upload progress. Same origin, so the console's
// session cookie authenticates the request. Errors come back as JSON `{ error: { code, message } }`
// and are thrown as UploadError with the server's message, which already names the file at fault.

export class UploadError extends Error {
  override name = "UploadError";

  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type UploadProgress = { loaded: number; total: number };

function errorFromResponse(xhr: XMLHttpRequest): UploadError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === "string" && typeof message === "string") {
      return new UploadError(code, message, xhr.status);
    }
  } catch {
    // Not the API's JSON error shape (a proxy's HTML page, say): fall through to the status.
  }
  return new UploadError(
    `HTTP_${xhr.status}`,
    `The server answered ${xhr.status} ${xhr.statusText}`.trim(),
    xhr.status,
  );
}

/** POSTs the form and resolves with the JSON answer; aborting the signal rejects with AbortError. */
export function postMultipart<T>(
  url: string,
  form: FormData,
  { onProgress, signal }: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("The upload was aborted", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromResponse(xhr));
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new UploadError("INVALID_RESPONSE", "The server's answer could not be read"));
      }
    };
    xhr.onerror = () =>
      reject(new UploadError("NETWORK_ERROR", "Could not reach the server. Check the connection and retry."));
    xhr.onabort = () => reject(new DOMException("The upload was aborted", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
