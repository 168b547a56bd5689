// Login through Keycloak with the authorization-code flow and PKCE (oidc-client-ts). The portal asks for the
// `organization` scope: a person who works for several communes chooses one on Keycloak's page, and the access token's
// `tenant` claim names it. Tokens live in sessionStorage (closing the tab logs out of the portal).
import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { PortalConfig } from './api';

export const CALLBACK_PATH = '/connexion/retour';

export class Auth {
  private readonly manager: UserManager;

  constructor(config: PortalConfig, origin: string = window.location.origin) {
    this.manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: origin + CALLBACK_PATH,
      post_logout_redirect_uri: origin + '/',
      response_type: 'code',
      scope: config.scope,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: true,
      monitorSession: false,
      loadUserInfo: false,
      extraQueryParams: { ui_locales: 'fr' },
    });
  }

  async user(): Promise<User | null> {
    const user = await this.manager.getUser();
    return user && !user.expired ? user : null;
  }

  async accessToken(): Promise<string | null> {
    let user = await this.manager.getUser();
    if (user && user.expired && user.refresh_token) {
      try {
        user = await this.manager.signinSilent();
      } catch {
        user = null;
      }
    }
    return user && !user.expired ? user.access_token : null;
  }

  login(returnTo: string, prompt?: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo }, prompt });
  }

  /** Completes the login on the callback page; returns where the person wanted to go. */
  async completeLogin(): Promise<string> {
    const user = await this.manager.signinRedirectCallback();
    const state = user.state as { returnTo?: string } | undefined;
    const returnTo = state?.returnTo;
    return returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  }

  async logout(): Promise<void> {
    const user = await this.manager.getUser();
    await this.manager.removeUser();
    await this.manager.signoutRedirect({ id_token_hint: user?.id_token });
  }
}
