import { describe, expect, it } from "vitest";
import { dateTimeToFiletime, filetimeToDateTime, isXsDateTime } from "./filetime.ts";

describe("SignTimeAfter ↔ FILETIME", () => {
  it("the Unix epoch is 116444736000000000 ticks", () => {
    expect(dateTimeToFiletime("1970-01-01T00:00:00Z")).toBe(116444736000000000n);
    expect(filetimeToDateTime(116444736000000000n)).toBe("1970-01-01T00:00:00Z");
  });
  it("offsets are applied; a time without a zone is taken as UTC", () => {
    expect(dateTimeToFiletime("2024-05-01T12:00:00+02:00")).toBe(dateTimeToFiletime("2024-05-01T10:00:00Z"));
    expect(dateTimeToFiletime("2024-05-01T10:00:00")).toBe(dateTimeToFiletime("2024-05-01T10:00:00Z"));
  });
  it("keeps 100-ns precision both ways", () => {
    const t = dateTimeToFiletime("2021-03-04T05:06:07.1234567Z")!;
    expect(filetimeToDateTime(t)).toBe("2021-03-04T05:06:07.1234567Z");
  });
  it("rejects what is not an xs:dateTime or does not exist", () => {
    for (const bad of ["2024-02-30T00:00:00Z", "yesterday", "2024-01-01", "1500-01-01T00:00:00Z"]) expect(isXsDateTime(bad), bad).toBe(false);
  });
  it("any FILETIME can be written back (years past 9999 too)", () => {
    for (const t of [1n, 0xffff_ffff_ffff_ffffn, 2n ** 62n]) expect(dateTimeToFiletime(filetimeToDateTime(t))).toBe(t);
  });
});
