// Password authentication in front of the embedded database. pglite-socket answers every startup
// message with AuthenticationOk (PGlite's own initdb uses trust auth), so any local user who
// found the loopback port had the superuser. This gate runs the start of each connection itself:
// it requires SCRAM-SHA-256 (PostgreSQL's default method: the password never crosses the socket)
// against one password, refuses a wrong one with PostgreSQL's own 28P01 error, and only then
// hands the socket, with its startup message put back in front, to pglite-socket.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { Server, type Socket } from "node:net";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** PostgreSQL's own bound on a startup packet (MAX_STARTUP_PACKET_LENGTH). */
const MAX_STARTUP_BYTES = 10_000;
/** PostgreSQL's authentication_timeout is a minute; a local client needs far less. */
const AUTH_TIMEOUT_MS = 10_000;
const SCRAM_ITERATIONS = 4096;
const MECHANISM = "SCRAM-SHA-256";

class AuthFailure extends Error {
  constructor(
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

interface ScramSecret {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();

function scramSecret(password: string): ScramSecret {
  // The password is generated ASCII, so SASLprep (RFC 4013) leaves it as it is.
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 32, "sha256");
  const clientKey = hmac(salted, "Client Key");
  return {
    salt,
    storedKey: createHash("sha256").update(clientKey).digest(),
    serverKey: hmac(salted, "Server Key"),
  };
}

/** Reads length-prefixed protocol messages from a socket in paused mode. */
class MessageReader {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;

  constructor(private readonly socket: Socket) {
    socket.on("readable", this.onReadable);
    socket.on("end", this.onClosed);
    socket.on("close", this.onClosed);
    socket.on("error", this.onError);
  }

  private onClosed = () => this.fail(new Error("connection closed during authentication"));
  private onError = (error: Error) => this.fail(error);

  private onReadable = () => {
    let chunk: Buffer | null;
    while ((chunk = this.socket.read() as Buffer | null) !== null) {
      // Authentication is a few small messages: a client that floods it is not kept in memory.
      if (this.failure) continue;
      this.buffer = Buffer.concat([this.buffer, chunk]);
      if (this.buffer.length > 2 * MAX_STARTUP_BYTES) {
        this.fail(new AuthFailure("08P01", "too much data during authentication"));
      }
    }
    this.wake();
  };

  private fail(error: Error) {
    this.failure ??= error;
    this.wake();
  }

  private wake() {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private async bytes(count: number): Promise<Buffer> {
    if (count > MAX_STARTUP_BYTES) throw new AuthFailure("08P01", "message too long during authentication");
    while (this.buffer.length < count) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    const head = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return head;
  }

  /** A message without a type byte (startup, SSLRequest): the length counts itself. */
  async untyped(): Promise<Buffer> {
    const length = (await this.peek(4)).readInt32BE(0);
    if (length < 8) throw new AuthFailure("08P01", "invalid length of startup packet");
    return this.bytes(length);
  }

  /** A typed message: its type and its body. */
  async typed(): Promise<{ type: string; body: Buffer }> {
    const head = await this.peek(5);
    const length = head.readInt32BE(1);
    if (length < 4) throw new AuthFailure("08P01", "invalid message length");
    const message = await this.bytes(1 + length);
    return { type: String.fromCharCode(message[0]!), body: message.subarray(5) };
  }

  private async peek(count: number): Promise<Buffer> {
    const head = await this.bytes(count);
    this.buffer = Buffer.concat([head, this.buffer]);
    return head;
  }

  /** Stops reading and gives back what was read but not consumed. */
  detach(): Buffer {
    this.socket.removeListener("readable", this.onReadable);
    this.socket.removeListener("end", this.onClosed);
    this.socket.removeListener("close", this.onClosed);
    this.socket.removeListener("error", this.onError);
    return this.buffer;
  }
}

const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};

const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");

function errorResponse(sqlState: string, text: string): Buffer {
  return message(
    "E",
    cstring("SFATAL"),
    cstring("VFATAL"),
    cstring(`C${sqlState}`),
    cstring(`M${text}`),
    Buffer.from([0]),
  );
}

/** The startup message's parameters (user, database, ...), after its length and version. */
function startupParameters(startup: Buffer): Map<string, string> {
  const fields = startup.subarray(8).toString("utf8").split("\0");
  const parameters = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length && fields[i]; i += 2) parameters.set(fields[i]!, fields[i + 1]!);
  return parameters;
}

/** Reads the startup message, answering SSL and GSS encryption requests with "no". */
async function readStartup(reader: MessageReader, socket: Socket): Promise<Buffer> {
  for (;;) {
    const packet = await reader.untyped();
    const code = packet.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      socket.write("N");
      continue;
    }
    // PGlite runs one query at a time and cannot cancel one; PostgreSQL answers nothing either.
    if (code === CANCEL_REQUEST) throw new Error("cancel request");
    if (code !== PROTOCOL_3) throw new AuthFailure("0A000", "unsupported frontend protocol");
    return packet;
  }
}

/** Parses `k=v,k=v` SCRAM attributes. */
function attributes(text: string): Map<string, string> {
  return new Map(text.split(",").map((part) => [part.slice(0, 1), part.slice(2)] as [string, string]));
}

/** One SCRAM-SHA-256 exchange (RFC 5802/7677, without channel binding). */
async function scram(reader: MessageReader, socket: Socket, secret: ScramSecret, user: string) {
  const refused = new AuthFailure("28P01", `password authentication failed for user "${user}"`);
  socket.write(message("R", int32(10), cstring(MECHANISM), Buffer.from([0])));

  const initial = await reader.typed();
  if (initial.type !== "p") throw refused;
  const end = initial.body.indexOf(0);
  if (initial.body.subarray(0, end).toString() !== MECHANISM) {
    throw new AuthFailure("28000", "only SCRAM-SHA-256 authentication is supported");
  }
  const clientFirst = initial.body.subarray(end + 5).toString("utf8");
  const gs2Header = /^[ny],,/.exec(clientFirst)?.[0];
  if (!gs2Header) throw refused;
  const clientFirstBare = clientFirst.slice(gs2Header.length);
  const clientNonce = attributes(clientFirstBare).get("r");
  if (!clientNonce) throw refused;

  const nonce = clientNonce + randomBytes(18).toString("base64");
  const serverFirst = `r=${nonce},s=${secret.salt.toString("base64")},i=${SCRAM_ITERATIONS}`;
  socket.write(message("R", int32(11), Buffer.from(serverFirst)));

  const final = await reader.typed();
  if (final.type !== "p") throw refused;
  const clientFinal = final.body.toString("utf8");
  const proofAt = clientFinal.lastIndexOf(",p=");
  const withoutProof = clientFinal.slice(0, proofAt);
  const fields = attributes(withoutProof);
  const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
  if (
    proofAt < 0 ||
    fields.get("c") !== Buffer.from(gs2Header).toString("base64") ||
    fields.get("r") !== nonce ||
    proof.length !== 32
  ) {
    throw refused;
  }
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(secret.storedKey, authMessage);
  const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]!));
  if (!timingSafeEqual(createHash("sha256").update(clientKey).digest(), secret.storedKey)) throw refused;
  const serverSignature = hmac(secret.serverKey, authMessage).toString("base64");
  socket.write(message("R", int32(12), Buffer.from(`v=${serverSignature}`)));
}

/**
 * Authenticates one connection. Resolves with the bytes to give back to pglite-socket (the
 * startup message and anything after it), or null when the connection was refused and closed.
 */
async function authenticate(socket: Socket, secret: ScramSecret): Promise<Buffer | null> {
  const reader = new MessageReader(socket);
  socket.setTimeout(AUTH_TIMEOUT_MS, () => socket.destroy());
  try {
    const startup = await readStartup(reader, socket);
    const user = startupParameters(startup).get("user") ?? "";
    await scram(reader, socket, secret, user);
    socket.setTimeout(0);
    return Buffer.concat([startup, reader.detach()]);
  } catch (error) {
    // The reader's listeners stay: they absorb whatever the client still sends or fails with.
    if (error instanceof AuthFailure && socket.writable) {
      socket.end(errorResponse(error.sqlState, error.message), () => socket.destroy());
    } else {
      socket.destroy();
    }
    return null;
  }
}

/**
 * Puts the password check in front of a started pglite-socket server. pglite-socket has no hook
 * for this, so the gate takes over its listening socket's connection handler; if that is not
 * where this version keeps it, starting fails rather than serving the database unauthenticated.
 */
export function requirePassword(server: PGLiteSocketServer, password: string): void {
  const listener = (server as unknown as { server?: unknown }).server;
  const handlers = listener instanceof Server ? listener.listeners("connection") : [];
  if (!(listener instanceof Server) || handlers.length !== 1) {
    throw new Error("pglite-socket changed how it accepts connections: cannot require a password");
  }
  const serve = handlers[0] as (socket: Socket) => void;
  const secret = scramSecret(password);
  listener.removeAllListeners("connection");
  listener.on("connection", (socket: Socket) => {
    void authenticate(socket, secret).then((pending) => {
      if (!pending) return;
      // With no 'readable' or 'data' listener left the socket buffers; pglite-socket's 'data'
      // listener starts the flow again, and reads the startup message first. It listens for
      // errors only once it attaches (a tick later): until then a reset must not crash us.
      socket.unshift(pending);
      socket.on("error", () => undefined);
      serve(socket);
    });
  });
}
