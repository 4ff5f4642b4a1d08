import { Alert } from "../ui/alert";
import { chatErrorTitle } from "./chat-error-text";

/** Why an answer failed (or was cancelled): a headline for the code, the server's message, the code. */
export function ChatErrorNotice({ code, message }: { code: string; message: string }) {
  return (
    <Alert tone={code === "CANCELLED" ? "warning" : "danger"} title={chatErrorTitle(code)}>
      {message && <p className="break-words">{message}</p>}
      <p className="mt-1 text-xs">
        Code <code className="font-mono">{code}</code>
      </p>
    </Alert>
  );
}
