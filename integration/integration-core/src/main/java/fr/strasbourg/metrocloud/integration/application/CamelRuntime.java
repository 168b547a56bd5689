package fr.strasbourg.metrocloud.integration.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.MDC;

/**
 * The platform's one CamelContext, on Liberty's managed threads. Routes are shared by every
 * commune: the commune travels as the {@code metrocloudTenant} header and in the logging context
 * (MDC {@code tenant}) of every exchange; its endpoint and credentials are headers set by the
 * dispatcher from the commune's connector.
 */
@ApplicationScoped
public class CamelRuntime {

  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  /** Route delivering a JSON record to a REST endpoint (POST), with the idempotency key. */
  public static final String DELIVER_REST = "direct:deliver-rest";

  /** Route writing a record as a file over SFTP (file name in the CamelFileName header). */
  public static final String DELIVER_SFTP = "direct:deliver-sftp";

  /** Route fetching a file from a REST endpoint (GET). */
  public static final String FETCH_REST = "direct:fetch-rest";

  /** Route calling the finance software and waiting for its answer (budget checks). */
  public static final String FINANCE_CALL = "direct:finance-call";

  public static final String TENANT = "metrocloudTenant";
  public static final String ENDPOINT = "metrocloudEndpoint";
  public static final String FLOW = "metrocloudFlow";

  @Resource ManagedThreadFactory threads;

  private DefaultCamelContext camel;

  private ProducerTemplate producer;

  private org.apache.camel.ConsumerTemplate consumer;

  void start(@Observes Startup startup) {
    try {
      DefaultCamelContext context = new DefaultCamelContext();
      context.setNameStrategy(
          new org.apache.camel.impl.engine.ExplicitCamelContextNameStrategy("metrocloud"));
      context.setUseMDCLogging(true);
      if (threads != null) {
        // Camel's own threads (few: routes are called synchronously) come from Liberty
        context.getExecutorServiceManager().addThreadFactoryListener((source, factory) -> threads);
      }
      for (String scheme : new String[] {"http", "https"}) {
        // a counterpart that hangs must not hold the dispatcher: bounded waits, then a retry later
        org.apache.camel.component.http.HttpComponent http =
            context.getComponent(scheme, org.apache.camel.component.http.HttpComponent.class);
        http.setConnectTimeout(5_000);
        http.setConnectionRequestTimeout(5_000);
        http.setSoTimeout(30_000);
        http.setResponseTimeout(30_000);
      }
      context.addRoutes(routes());
      context.start();
      camel = context;
      producer = context.createProducerTemplate();
      consumer = context.createConsumerTemplate();
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Camel did not start: connectors cannot deliver", e);
    }
  }

  void stop(@Observes Shutdown shutdown) {
    if (camel != null) {
      try {
        producer.close();
        consumer.close();
        camel.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Camel stop", e);
      }
      camel = null;
    }
  }

  static RouteBuilder routes() {
    return new RouteBuilder() {
      @Override
      public void configure() {
        from(DELIVER_REST)
            .routeId("deliver-rest")
            .process(
                exchange -> {
                  MDC.put("tenant", exchange.getIn().getHeader(TENANT, String.class));
                  MDC.put("flow", exchange.getIn().getHeader(FLOW, String.class));
                })
            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .toD("${header." + ENDPOINT + "}")
            .process(exchange -> MDC.remove("flow"));
        from(DELIVER_SFTP)
            .routeId("deliver-sftp")
            .process(
                exchange -> {
                  MDC.put("tenant", exchange.getIn().getHeader(TENANT, String.class));
                  MDC.put("flow", exchange.getIn().getHeader(FLOW, String.class));
                })
            .toD("${header." + ENDPOINT + "}")
            .process(exchange -> MDC.remove("flow"));
        from(FINANCE_CALL)
            .routeId("finance-call")
            .process(
                exchange -> {
                  MDC.put("tenant", exchange.getIn().getHeader(TENANT, String.class));
                  MDC.put("flow", exchange.getIn().getHeader(FLOW, String.class));
                })
            .toD("${header." + ENDPOINT + "}")
            .convertBodyTo(String.class)
            .process(
                exchange -> {
                  MDC.remove("flow");
                  MDC.remove("tenant");
                });
        from(FETCH_REST)
            .routeId("fetch-rest")
            .process(
                exchange -> {
                  MDC.put("tenant", exchange.getIn().getHeader(TENANT, String.class));
                  MDC.put("flow", exchange.getIn().getHeader(FLOW, String.class));
                })
            .setHeader(Exchange.HTTP_METHOD, constant("GET"))
            .setHeader("Accept", constant("text/csv, text/plain;q=0.5"))
            .toD("${header." + ENDPOINT + "}")
            .convertBodyTo(byte[].class)
            .process(exchange -> MDC.remove("flow"));
      }
    };
  }

  public ProducerTemplate producer() {
    if (producer == null) {
      throw new IllegalStateException("Camel is not running");
    }
    return producer;
  }

  public org.apache.camel.ConsumerTemplate consumer() {
    if (consumer == null) {
      throw new IllegalStateException("Camel is not running");
    }
    return consumer;
  }

  public CamelContext context() {
    return camel;
  }
}
