package fr.strasbourg.metrocloud.catalog.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/** The subscription guard of every shared service. */
public interface ServiceAccess {

  /**
   * Passes if the caller's commune has a subscription to the service that is active today;
   * otherwise records the refusal in the commune's audit trail and throws a 403 problem ({@code
   * service-not-subscribed}) naming the service. An unknown service is a 404 problem. Returns the
   * terms of the subscription in force (e.g. its storage quota).
   */
  SubscriptionTerms requireSubscription(CallContext caller, ServiceCode service);
}
