// How a scenario stands on the hybrid requirement set (docs/facts/hybrid.md): the hybrid features HCW turned on, the
// dedicated Exchange hybrid application (configured on-premises, registered in the tenant, with its permission and
// Auth certificate), the override, what is left on the shared service principal, and what EWS answers. The bundled
// graph-rest scenarios keep the classic state of an organization that never moved: still on the shared principal,
// and an assessment app without Application.Read.All.

/** The Hybrid Configuration Wizard's usual features: everything but the centralized-transport ones. */
export const HCW_FEATURES = 1 | 2 | 4 | 8 | 16 | 32 | 64 | 512;
/** The same without free/busy (1), MailTips (4) and photos (512): hybrid for moves and mail flow only. */
export const NO_RICH_COEXISTENCE_FEATURES = 2 | 8 | 16 | 32 | 64;

export interface DedicatedApp {
  appId: string;
  objectId: string;
  servicePrincipalId: string;
  displayName: string;
  /** Admin consent for full_access_as_app of Office 365 Exchange Online (an app role assignment). */
  consented: boolean;
  /** When the current Auth certificate's key credential on the app began and ends, in days from the collection. */
  credentialStartsInDays: number;
  credentialEndsInDays: number;
}

export interface HybridSetup {
  /** The assessment's own Graph app may read applications and service principals (Application.Read.All). */
  applicationReadAll: boolean;
  /** msExchCoexistenceFeatureFlags of the hybrid configuration. */
  features: number;
  /** The EvoSTS auth server's realm is the tenant id (as the dedicated app script expects); null in the classic fixtures. */
  evoStsRealm: boolean;
  /** null: the EvoSTS auth server names no application, so Exchange uses the shared first-party one. */
  dedicatedApp: DedicatedApp | null;
  /** The ExchangeOnpremAsThirdPartyAppId setting override (Enabled=true, organization-wide). */
  override: boolean;
  /** The Auth certificate HCW uploaded to the shared Office 365 Exchange Online service principal is still there. */
  sharedPrincipalKey: boolean;
  /** What GET /EWS/Exchange.asmx meets: Exchange, or a pre-authenticating gateway. */
  ews: 'bearer-challenge' | 'gateway-sign-in-redirect';
}

/** The Exchange organization's objectGUID, which names the application the script creates. */
export const ORGANIZATION_GUID = '0626ac82-7d72-41c7-9e9b-720b276e98f2';
/** The tenant's service principal of Office 365 Exchange Online (its id differs per tenant). */
export const EXCHANGE_ONLINE_SP_ID = '3f9c2b71-8e4d-4a06-b5d2-7c1e9a6f0d48';
/** The key credential HCW added to the shared principal, and the one the script added to the dedicated app. */
export const SHARED_PRINCIPAL_KEY_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
export const DEDICATED_APP_KEY_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

export const CLASSIC_HYBRID: HybridSetup = {
  applicationReadAll: false,
  features: HCW_FEATURES,
  evoStsRealm: false,
  dedicatedApp: null,
  override: false,
  sharedPrincipalKey: true,
  ews: 'bearer-challenge',
};

export function dedicatedApp(overrides: Partial<DedicatedApp> = {}): DedicatedApp {
  return {
    appId: 'a7f0c3e2-5b19-4d8e-9c61-2f4b8e0d7a35',
    objectId: 'e4d1b7a9-2c36-4f58-8a0b-6d9e3c1f7b24',
    servicePrincipalId: '5a2e8c41-7b93-4d0f-a6c5-1e8d4b9f2a70',
    displayName: `ExchangeServerApp-${ORGANIZATION_GUID}`,
    consented: true,
    credentialStartsInDays: -24,
    credentialEndsInDays: 1802,
    ...overrides,
  };
}

/** Moved to the dedicated application, the shared principal cleaned up: what hybrid-dedicated-app stands for. */
export function movedHybrid(overrides: Partial<HybridSetup> = {}): HybridSetup {
  return {
    applicationReadAll: true,
    features: HCW_FEATURES,
    evoStsRealm: true,
    dedicatedApp: dedicatedApp(),
    override: true,
    sharedPrincipalKey: false,
    ews: 'bearer-challenge',
    ...overrides,
  };
}
