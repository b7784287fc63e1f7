import { describe, expect, it } from "vitest";
import { compileGroups } from "../graph/groups.ts";
import { compileUsers } from "../graph/users.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { scopedDirectorySearchPlan, scopedDirectorySearchScript } from "./scoped-directory-search.ts";

const bp = secureBlueprint({
  isolation: { mode: "scoped-directory-search" },
  licensing: { skus: ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "EXCHANGEDESKLESS"], enabledServicePlans: ["EXCHANGE_S_DESKLESS"] },
  clients: [
    { id: "tailspin", displayName: "Tailspin", usageLocation: "US", loanDays: null, accounts: [{ userPrincipalName: "tail-01@contoso.onmicrosoft.com", displayName: "Tail 01", devices: [] }] },
    {
      id: "fabrikam",
      displayName: "Fabrikam",
      usageLocation: "DE",
      loanDays: null,
      accounts: [
        { userPrincipalName: "fab-02@contoso.onmicrosoft.com", displayName: "Fab 02", devices: [] },
        { userPrincipalName: "fab-01@contoso.onmicrosoft.com", displayName: "Fab 01", devices: [] },
      ],
    },
  ],
});
const script = scopedDirectorySearchScript(bp);

describe("scopedDirectorySearchPlan", () => {
  it("one address book policy per client, with its address list, room list, GAL, offline address book and mailboxes", () => {
    expect(scopedDirectorySearchPlan(bp).clients).toEqual([
      {
        department: "HF-Client-fabrikam",
        addressList: "HF-Client-fabrikam",
        roomList: "HF-Client-fabrikam Rooms",
        globalAddressList: "HF-Client-fabrikam GAL",
        offlineAddressBook: "HF-Client-fabrikam OAB",
        addressBookPolicy: "HF-Client-fabrikam ABP",
        mailboxes: ["fab-01@contoso.onmicrosoft.com", "fab-02@contoso.onmicrosoft.com"],
      },
      {
        department: "HF-Client-tailspin",
        addressList: "HF-Client-tailspin",
        roomList: "HF-Client-tailspin Rooms",
        globalAddressList: "HF-Client-tailspin GAL",
        offlineAddressBook: "HF-Client-tailspin OAB",
        addressBookPolicy: "HF-Client-tailspin ABP",
        mailboxes: ["tail-01@contoso.onmicrosoft.com"],
      },
    ]);
    expect(scopedDirectorySearchPlan(bp).expertsGroupAlias).toBe("hf-experts");
  });

  it("selects by what holofleet compiles: each account's department, and the experts Microsoft 365 group by its nickname", () => {
    const users = compileUsers(bp);
    for (const client of scopedDirectorySearchPlan(bp).clients) {
      const selected = users.filter((u) => u.body.department === client.department).map((u) => u.body.userPrincipalName);
      expect(selected.sort()).toEqual(client.mailboxes);
    }
    const experts = compileGroups(bp).groups.find((g) => g.address === "group.experts")!;
    expect(experts.body).toMatchObject({ mailNickname: "hf-experts", groupTypes: ["Unified"], mailEnabled: true, visibility: "Private" });
  });
});

describe("scopedDirectorySearchScript", () => {
  it("creates (or updates) the address list, room list, GAL and offline address book of each client", () => {
    expect(script).toContain("Set-HfAddressList -Name 'HF-Client-fabrikam' -Filter \"(Department -eq 'HF-Client-fabrikam') -or ($expertsFilter)\"");
    expect(script).toMatch(/Set-HfAddressList -Name 'HF-Client-fabrikam Rooms' -Filter "\(Department -eq 'HF-Client-fabrikam'\) -and \(\(RecipientDisplayType -eq 'ConferenceRoomMailbox'\) -or \(RecipientDisplayType -eq 'SyncedConferenceRoomMailbox'\)\)"/);
    expect(script).toContain("Set-HfGlobalAddressList -Name 'HF-Client-fabrikam GAL' -Filter \"(Department -eq 'HF-Client-fabrikam') -or ($expertsFilter)\"");
    expect(script).toContain("Set-HfOfflineAddressBook -Name 'HF-Client-fabrikam OAB' -GlobalAddressList 'HF-Client-fabrikam GAL'");
    for (const cmdlet of ["New-AddressList", "Set-AddressList", "New-GlobalAddressList", "Set-GlobalAddressList", "New-OfflineAddressBook", "Set-OfflineAddressBook"]) {
      expect(script, cmdlet).toContain(`${cmdlet} `);
    }
  });

  it("creates each client's address book policy from those four and assigns it to the client's mailboxes", () => {
    expect(script).toContain(
      "Set-HfAddressBookPolicy -Name 'HF-Client-fabrikam ABP' -AddressList 'HF-Client-fabrikam' -GlobalAddressList 'HF-Client-fabrikam GAL' -OfflineAddressBook 'HF-Client-fabrikam OAB' -RoomList 'HF-Client-fabrikam Rooms'",
    );
    expect(script).toContain("New-AddressBookPolicy -Name $Name -AddressLists \"\\$AddressList\" -GlobalAddressList \"\\$GlobalAddressList\" -OfflineAddressBook \"\\$OfflineAddressBook\" -RoomList \"\\$RoomList\"");
    expect(script).toContain("Set-HfMailboxAddressBookPolicy -Mailbox 'fab-01@contoso.onmicrosoft.com' -Policy 'HF-Client-fabrikam ABP'");
    expect(script).toContain("Set-HfMailboxAddressBookPolicy -Mailbox 'tail-01@contoso.onmicrosoft.com' -Policy 'HF-Client-tailspin ABP'");
    expect(script).toContain("Set-Mailbox -Identity $Mailbox -AddressBookPolicy $Policy");
  });

  it("a client account without a mailbox stops the script with the reason (HF2050), not half-done silently", () => {
    expect(script).toMatch(/if \(-not \(Get-Mailbox -Identity \$Mailbox -ErrorAction SilentlyContinue\)\) \{ throw "\$Mailbox has no Exchange Online mailbox[^"]*" \}/);
    expect(script.indexOf("Get-Mailbox -Identity $Mailbox")).toBeLessThan(script.indexOf("Set-Mailbox -Identity $Mailbox"));
  });

  it("finds the experts through their Microsoft 365 group's distinguished name, as MemberOfGroup filters need", () => {
    expect(script).toContain("$experts = Get-UnifiedGroup -Identity 'hf-experts' -ErrorAction SilentlyContinue");
    expect(script).toContain(`$expertsFilter = "MemberOfGroup -eq '$($experts.DistinguishedName -replace "'", "''")'"`);
  });

  it("turns on Teams search by name (Scope directory search using an Exchange address book policy)", () => {
    expect(script).toContain("Set-CsTeamsClientConfiguration -Identity Global -AllowScopedPeopleSearchandAccess $true");
    expect(script).toContain("Scope directory search using an Exchange address book policy");
    expect(script.indexOf("Set-CsTeamsClientConfiguration")).toBeGreaterThan(script.lastIndexOf("Set-HfMailboxAddressBookPolicy -Mailbox"));
  });

  it("says what it needs: the Address Lists role, both modules, a mailbox on every client account", () => {
    expect(script).toContain("Address Lists role");
    expect(script).toContain("Connect-ExchangeOnline");
    expect(script).toContain("Connect-MicrosoftTeams");
    expect(script).toMatch(/mailbox/i);
    expect(script).not.toMatch(/holofleet (apply|plan)/);
  });

  it("same tenant → the admin puts the experts in the experts group", () => {
    expect(script).toContain("The experts must be members of the experts group (add them; they are your staff).");
    expect(script).not.toContain("Service tenant");
  });

  it("a service tenant with guests → holofleet invites the experts and fills the group, so they appear in every client's lists", () => {
    const guests = scopedDirectorySearchScript(secureBlueprint({ ...bp, tenant: { ...bp.tenant, model: "service-tenant" }, experts: { access: "guests", addresses: ["ada@contoso.com"] } }));
    expect(guests).toContain("experts.access: guests: the compiled invitations");
    expect(guests).toContain("so the experts appear in every client's lists");
    expect(guests).not.toContain("add them; they are your staff");
  });

  it("a service tenant with federation → the experts are in no list; clients reach them by full address", () => {
    const federation = scopedDirectorySearchScript(secureBlueprint({ ...bp, tenant: { ...bp.tenant, model: "service-tenant" }, experts: { access: "federation", addresses: ["ada@contoso.com"] } }));
    expect(federation).toContain("experts.access: federation");
    expect(federation).toContain("by full address through");
    expect(federation).not.toContain("so the experts appear in every client's lists");
  });

  it("is deterministic and independent of client and account order", () => {
    const reversed = secureBlueprint({ ...bp, clients: [...bp.clients].reverse().map((c) => ({ ...c, accounts: [...c.accounts].reverse() })) });
    expect(scopedDirectorySearchScript(reversed)).toBe(script);
    expect(script).not.toMatch(/\r/);
  });

  it("a hostile client id or name cannot leave its literal", () => {
    const hostile = scopedDirectorySearchScript(
      secureBlueprint({ ...bp, metadata: { name: "x\nRemove-Item C:\\", description: "" }, tenant: { ...bp.tenant, namingPrefix: "HF" }, clients: [{ ...bp.clients[0]!, displayName: "Evil'; Stop-Computer; '" }] }),
    );
    expect(hostile).not.toMatch(/^Remove-Item/m);
    expect(hostile).not.toMatch(/^[^#'"]*Stop-Computer/m);
  });
});
