package fr.strasbourg.metrocloud.documents.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A document type of a commune's list (délibération, arrêté, contrat…). */
@Entity
@Table(name = "document_types")
@IdClass(DocumentType.Key.class)
public class DocumentType {

  /** The list every commune starts with. */
  public static final List<String[]> DEFAULTS =
      List.of(
          new String[] {"deliberation", "Délibération"},
          new String[] {"arrete", "Arrêté"},
          new String[] {"decision", "Décision"},
          new String[] {"contrat", "Contrat ou convention"},
          new String[] {"marche-public", "Marché public"},
          new String[] {"courrier", "Courrier"},
          new String[] {"facture", "Facture"},
          new String[] {"rapport", "Rapport"},
          new String[] {"proces-verbal", "Procès-verbal"},
          new String[] {"note", "Note"},
          new String[] {"rh", "Document RH"},
          new String[] {"autre", "Autre"});

  @Id
  @Column(name = "tenant_id")
  private String tenantId;

  @Id
  @Column(name = "code")
  private String code;

  @Column(name = "label", nullable = false)
  private String label;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected DocumentType() {}

  public static DocumentType of(String tenantId, String code, String label, Instant now) {
    DocumentType t = new DocumentType();
    t.tenantId = tenantId;
    t.code = code;
    t.label = label;
    t.createdAt = now;
    return t;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String tenantId;
    private String code;

    public Key() {}

    public Key(String tenantId, String code) {
      this.tenantId = tenantId;
      this.code = code;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(k.tenantId, tenantId)
          && Objects.equals(k.code, code);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, code);
    }
  }
}
