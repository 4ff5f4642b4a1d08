import path from "node:path";
import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  test("defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      HEARTH_DB_POOL_SIZE: 8,
      HEARTH_LOGIN_RATE_LIMIT: 10,
      HEARTH_MAX_BODY_BYTES: 1_048_576,
      LOG_LEVEL: "info",
      dataDir: path.resolve("./data"),
      publicUrl: "http://localhost:3000",
      secureCookies: false,
      defaultModel: "gpt-oss-20b",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HEARTH_MASTER_KEY).toBeUndefined();
  });

  test("derived values follow their inputs", () => {
    expect(parseEnv({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseEnv({ HEARTH_PUBLIC_URL: "https://hearth.example.com" }).publicUrl).toBe(
      "https://hearth.example.com",
    );
    expect(parseEnv({ NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", HEARTH_SECURE_COOKIES: "false" }).secureCookies).toBe(false);
    expect(parseEnv({ HEARTH_SECURE_COOKIES: "1" }).secureCookies).toBe(true);
    expect(parseEnv({ HEARTH_LLM_MODEL: "llama" }).defaultModel).toBe("llama");
    expect(parseEnv({ HEARTH_LLM_MODEL: "llama", HEARTH_DEFAULT_MODEL: "qwen" }).defaultModel).toBe("qwen");
  });

  test("empty strings count as unset", () => {
    const env = parseEnv({ PORT: "", ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
    expect(env.PORT).toBe(3000);
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  test.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "80.5" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/hearth" }],
    ["HEARTH_AUTH_SECRET", { HEARTH_AUTH_SECRET: "too short" }],
    ["HEARTH_MASTER_KEY", { HEARTH_MASTER_KEY: "short" }],
    ["HEARTH_PUBLIC_URL", { HEARTH_PUBLIC_URL: "ftp://example.com" }],
    ["HEARTH_SECURE_COOKIES", { HEARTH_SECURE_COOKIES: "yes" }],
    ["HEARTH_MAX_BODY_BYTES", { HEARTH_MAX_BODY_BYTES: "10" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["NODE_ENV", { NODE_ENV: "staging" }],
    ["ADMIN_EMAIL", { ADMIN_EMAIL: "not-an-email", ADMIN_PASSWORD: "long enough password" }],
    ["ADMIN_PASSWORD", { ADMIN_EMAIL: "admin@example.test", ADMIN_PASSWORD: "short" }],
  ])("a bad value names the variable: %s", (name, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  test("ADMIN_EMAIL without ADMIN_PASSWORD is rejected, and the reverse", () => {
    expect(() => parseEnv({ ADMIN_EMAIL: "admin@example.test" })).toThrow(
      /ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD must be set together/,
    );
    expect(() => parseEnv({ ADMIN_PASSWORD: "long enough password" })).toThrow(/must be set together/);
    expect(
      parseEnv({ ADMIN_EMAIL: "admin@example.test", ADMIN_PASSWORD: "long enough password" }).ADMIN_EMAIL,
    ).toBe("admin@example.test");
  });

  test("OpenTelemetry: off by default; headers parsed as OTel lists them; a bad value is named", () => {
    expect(parseEnv({})).toMatchObject({
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_SERVICE_NAME: "hearth",
    });
    expect(parseEnv({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(
      parseEnv({ OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20t0ken, x-scope = a=b ," })
        .OTEL_EXPORTER_OTLP_HEADERS,
    ).toEqual({ authorization: "Bearer t0ken", "x-scope": "a=b" });
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_HEADERS: "Bearer s3cr3t" })).toThrow(
      /OTEL_EXPORTER_OTLP_HEADERS: must be a list of key=value pairs/,
    );
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_HEADERS: "Bearer s3cr3t" })).not.toThrow(/s3cr3t/);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  test("lists every bad variable at once", () => {
    expect(() => parseEnv({ PORT: "abc", LOG_LEVEL: "loud" })).toThrow(/PORT: .*\n.*LOG_LEVEL: /s);
  });

  test("does not echo secret values", () => {
    const error = (() => {
      try {
        parseEnv({ HEARTH_AUTH_SECRET: "s3cr3t-value" });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toContain("HEARTH_AUTH_SECRET");
    expect(error?.message).not.toContain("s3cr3t-value");
  });
});
