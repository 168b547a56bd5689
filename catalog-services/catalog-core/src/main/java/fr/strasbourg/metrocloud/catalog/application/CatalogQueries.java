package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.CatalogService;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** The catalogue is platform reference data: no tenant binding needed to read it. */
@ApplicationScoped
@Transactional
public class CatalogQueries {

  @Inject CatalogRepository repository;

  public List<CatalogService> services() {
    return repository.services();
  }

  public CatalogService service(ServiceCode code) {
    return repository.service(code).orElseThrow(() -> unknownService(code.value()));
  }

  static NotFoundProblem unknownService(String code) {
    return (NotFoundProblem)
        new NotFoundProblem(
                "unknown-service", "Service inconnu dans le catalogue : « " + code + " ».")
            .with("service", code);
  }
}
