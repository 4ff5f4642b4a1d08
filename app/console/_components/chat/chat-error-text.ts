// Headlines for the error codes a chat can end with (the server's AppError codes, plus the
// console's own for failures of the connection); the server's message goes underneath.
const titles: Record<string, string> = {
  ASSISTANT_DISABLED: "This assistant is disabled",
  NO_BACKEND: "No model backend serves this assistant's model",
  FORBIDDEN: "You are not allowed to chat with this assistant",
  UNAUTHORIZED: "Your sign-in has expired: sign in again",
  NOT_FOUND: "Not found",
  INVALID_INPUT: "The message was refused",
  PAYLOAD_TOO_LARGE: "The message is too long",
  RATE_LIMITED: "The model backend is at capacity",
  UPSTREAM_ERROR: "The model backend failed",
  UPSTREAM_TIMEOUT: "The model backend timed out",
  UNAVAILABLE: "The service is unavailable",
  CANCELLED: "Cancelled before the answer was finished",
  NETWORK_ERROR: "Could not reach the server",
  STREAM_INTERRUPTED: "The connection was lost",
};

export function chatErrorTitle(code: string): string {
  return titles[code] ?? "The answer failed";
}
