import { describe, expect, it } from "vitest";
import { redirectUriRegistered, type ApplicationDoc } from "./applications.ts";

const app = (redirectUris: string[]) => ({ web: { redirectUris } }) as unknown as ApplicationDoc;

describe("redirectUriRegistered", () => {
  it("a registered https URI → only exactly that URI", () => {
    const a = app(["https://console.contoso.com/login/entra/callback"]);
    expect(redirectUriRegistered(a, "https://console.contoso.com/login/entra/callback")).toBe(true);
    expect(redirectUriRegistered(a, "https://console.contoso.com:8443/login/entra/callback")).toBe(false);
    expect(redirectUriRegistered(a, "https://console.contoso.com/login/entra/callback/x")).toBe(false);
  });

  it("a registered loopback URI → any port, same host and path", () => {
    const a = app(["http://127.0.0.1/login/entra/callback", "http://localhost:3000/cb"]);
    expect(redirectUriRegistered(a, "http://127.0.0.1:51234/login/entra/callback")).toBe(true);
    expect(redirectUriRegistered(a, "http://localhost:9/cb")).toBe(true);
    expect(redirectUriRegistered(a, "http://127.0.0.1:51234/other")).toBe(false);
    expect(redirectUriRegistered(a, "http://localhost:51234/login/entra/callback")).toBe(false);
    expect(redirectUriRegistered(a, "https://127.0.0.1:51234/login/entra/callback")).toBe(false);
  });

  it("no web platform, or a URI that does not parse → not registered", () => {
    expect(redirectUriRegistered({} as ApplicationDoc, "http://127.0.0.1/cb")).toBe(false);
    expect(redirectUriRegistered(app(["http://127.0.0.1/cb"]), "not a url")).toBe(false);
  });
});
