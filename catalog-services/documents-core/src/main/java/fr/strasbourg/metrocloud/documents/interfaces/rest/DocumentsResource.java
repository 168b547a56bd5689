package fr.strasbourg.metrocloud.documents.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.SubscriptionTerms;
import fr.strasbourg.metrocloud.documents.application.DocumentService;
import fr.strasbourg.metrocloud.documents.application.DocumentShares;
import fr.strasbourg.metrocloud.documents.application.DocumentStore;
import fr.strasbourg.metrocloud.documents.application.Upload;
import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentShare;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.SearchCriteria;
import fr.strasbourg.metrocloud.documents.domain.Tags;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.CreatedShareDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.DocumentDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.FolderDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.FolderRequest;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.MetadataRequest;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.SearchPageDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.ShareDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.ShareRequest;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.TypeDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.UsageDto;
import fr.strasbourg.metrocloud.documents.interfaces.rest.DocumentDtos.VersionDto;
import fr.strasbourg.metrocloud.kernel.http.ContentDisposition;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The commune's documents. Every call needs the commune's subscription to the GED. */
@Path("documents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents (GED)")
public class DocumentsResource {

  private static final String WRITERS_1 = Role.Names.COMMUNE_ADMIN;
  private static final String WRITERS_2 = Role.Names.AGENT;
  private static final String WRITERS_3 = Role.Names.MANAGER;
  private static final String READERS_4 = Role.Names.ELECTED_OFFICIAL;

  @Inject CallContext caller;

  @Inject DocumentService documents;

  @Inject DocumentStore store;

  @Inject DocumentShares shares;

  @Inject ServiceAccess access;

  @Context UriInfo uriInfo;

  @Context HttpHeaders headers;

  // ---- documents
  // -----------------------------------------------------------------------------------------------------

  @GET
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(
      summary =
          "Search the commune's documents (French full text, filters, pagination); without q, newest first")
  public SearchPageDto search(
      @QueryParam("q") String q,
      @QueryParam("folder") String folder,
      @QueryParam("type") String type,
      @QueryParam("tag") String tag,
      @QueryParam("author") String author,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    guard();
    if (page < 0 || page > 10_000 || size < 1 || size > 100) {
      throw new BadRequestProblem(
          "invalid-page", "Pagination invalide (page ≥ 0, 1 ≤ size ≤ 100).");
    }
    if (q != null && q.length() > 500) {
      throw new BadRequestProblem("invalid-query", "La recherche dépasse 500 caractères.");
    }
    String normalizedTag = null;
    if (tag != null && !tag.isBlank()) {
      normalizedTag = tags(List.of(tag)).get(0);
    }
    return SearchPageDto.of(
        store.search(
            caller,
            new SearchCriteria(
                blankToNull(q),
                uuidOrNull(folder, "folder"),
                blankToNull(type),
                normalizedTag,
                blankToNull(author),
                date(from),
                date(to),
                page,
                size)));
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(
      summary =
          "Upload a new document: the request body is the file (Content-Length required), its name in X-File-Name"
              + " (percent-encoded UTF-8)")
  public Response create(
      InputStream body,
      @HeaderParam("X-File-Name") String fileName,
      @QueryParam("folder") String folder,
      @QueryParam("title") String title,
      @QueryParam("description") String description,
      @QueryParam("type") String type,
      @QueryParam("tag") List<String> tags) {
    Upload upload =
        new Upload(
            decodeName(fileName),
            headers.getLength(),
            headers.getMediaType() == null ? null : headers.getMediaType().toString(),
            uuidOrNull(folder, "folder"),
            blankToNull(title),
            blankToNull(description),
            blankToNull(type),
            tags == null ? List.of() : tags);
    Document document = documents.create(caller, upload, body);
    return Response.created(
            uriInfo.getBaseUriBuilder().path("documents").path(document.id().toString()).build())
        .entity(DocumentDto.of(document, store.versions(caller, document.id())))
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "A document with its versions and their extraction status")
  public DocumentDto get(@PathParam("id") String id) {
    guard();
    UUID documentId = documentId(id);
    return DocumentDto.of(store.get(caller, documentId), store.versions(caller, documentId));
  }

  @POST
  @Path("{id}/versions")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(
      summary = "Upload a new version of a document (same conventions as the upload of a document)")
  public Response addVersion(
      InputStream body, @PathParam("id") String id, @HeaderParam("X-File-Name") String fileName) {
    UUID documentId = documentId(id);
    DocumentVersion version =
        documents.addVersion(
            caller,
            documentId,
            new Upload(
                decodeName(fileName),
                headers.getLength(),
                headers.getMediaType() == null ? null : headers.getMediaType().toString(),
                null,
                null,
                null,
                null,
                List.of()),
            body);
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("documents")
                .path(id)
                .path("content")
                .queryParam("version", version.number())
                .build())
        .entity(VersionDto.of(version))
        .build();
  }

  @PUT
  @Path("{id}/metadata")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Replace a document's title, description, type, tags and folder")
  public DocumentDto describe(@PathParam("id") String id, @NotNull @Valid MetadataRequest request) {
    guard();
    UUID documentId = documentId(id);
    Document d =
        store.describe(
            caller,
            documentId,
            request.title().strip(),
            blankToNull(request.description()),
            blankToNull(request.type()),
            tags(request.tags()),
            request.folderId());
    return DocumentDto.of(d, store.versions(caller, documentId));
  }

  @GET
  @Path("{id}/content")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(
      summary = "Download a version (default: the current one); streamed, never buffered whole")
  public Response download(@PathParam("id") String id, @QueryParam("version") Integer version) {
    return stream(documents.download(caller, documentId(id), version));
  }

  private static Response stream(DocumentService.Download download) {
    DocumentVersion v = download.version();
    StreamingOutput stream =
        out -> {
          try (InputStream in = download.content()) {
            in.transferTo(out);
          }
        };
    return Response.ok(stream, v.mimeType())
        .header(HttpHeaders.CONTENT_LENGTH, v.size())
        .header("Content-Disposition", ContentDisposition.attachment(v.fileName()))
        .header("Cache-Control", "private, no-store")
        .header("X-Document-Sha256", v.sha256())
        .build();
  }

  // ---- share links
  // ---------------------------------------------------------------------------------------------------

  @POST
  @Path("{id}/shares")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(
      summary =
          "Create a time-limited link (1 to 30 days, default 7) that agents of the same commune can open;"
              + " the token is shown once")
  public Response share(@PathParam("id") String id, ShareRequest request) {
    guard();
    UUID documentId = documentId(id);
    int days = request == null || request.days() == null ? 7 : request.days();
    DocumentShares.CreatedShare created =
        shares.create(caller, documentId, days, request == null ? null : request.version());
    DocumentShare s = created.share();
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("documents")
                .path(documentId.toString())
                .path("shares")
                .path(s.id().toString())
                .build())
        .entity(
            new CreatedShareDto(
                s.id(),
                created.token(),
                "/api/v1/documents/shared/" + created.token(),
                s.versionNumber(),
                s.createdBy(),
                s.createdAt(),
                s.expiresAt()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("{id}/shares")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "The share links of a document, newest first")
  public List<ShareDto> shares(@PathParam("id") String id) {
    guard();
    Instant now = Instant.now();
    return shares.list(caller, documentId(id)).stream().map(s -> ShareDto.of(s, now)).toList();
  }

  @DELETE
  @Path("{id}/shares/{share}")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Revoke a share link")
  public Response revokeShare(@PathParam("id") String id, @PathParam("share") String share) {
    guard();
    UUID shareId;
    try {
      shareId = UUID.fromString(share);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("share-not-found", "Lien de partage introuvable.");
    }
    shares.revoke(caller, documentId(id), shareId);
    return Response.noContent().build();
  }

  @GET
  @Path("shared/{token}")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "Open a share link: the document and the version it gives access to")
  public DocumentDto openShare(@PathParam("token") String token) {
    guard();
    DocumentShares.OpenedShare opened = shares.open(caller, token);
    Document d = opened.document();
    int wanted =
        opened.share().versionNumber() == null
            ? d.currentVersion()
            : opened.share().versionNumber();
    return DocumentDto.of(
        d, store.versions(caller, d.id()).stream().filter(v -> v.number() == wanted).toList());
  }

  @GET
  @Path("shared/{token}/content")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "Download the content a share link gives access to (streamed)")
  public Response downloadShared(@PathParam("token") String token) {
    return stream(documents.downloadShared(caller, token));
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Move a document to the commune's trash (restorable for 30 days)")
  public DocumentDto trash(@PathParam("id") String id) {
    guard();
    UUID documentId = documentId(id);
    return DocumentDto.of(store.trash(caller, documentId), store.versions(caller, documentId));
  }

  @POST
  @Path("{id}/restore")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Restore a document from the trash")
  public DocumentDto restore(@PathParam("id") String id) {
    guard();
    UUID documentId = documentId(id);
    return DocumentDto.of(store.restore(caller, documentId), store.versions(caller, documentId));
  }

  @GET
  @Path("trash")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "The commune's trash")
  public List<DocumentDto> trashContents() {
    guard();
    return store.trashContents(caller).stream().map(d -> DocumentDto.of(d, List.of())).toList();
  }

  @GET
  @Path("types")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "The commune's document types")
  public List<TypeDto> types() {
    guard();
    return store.types(caller).stream().map(TypeDto::of).toList();
  }

  @GET
  @Path("usage")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "The commune's storage use and quota")
  public UsageDto usage() {
    SubscriptionTerms terms = guard();
    return new UsageDto(
        store.storedBytes(caller),
        terms.quotaBytes().isPresent() ? terms.quotaBytes().getAsLong() : null);
  }

  // ---- folders
  // -------------------------------------------------------------------------------------------------------

  @GET
  @Path("folders")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3, READERS_4})
  @Operation(summary = "The commune's folders (a tree: each folder names its parent)")
  public List<FolderDto> folders() {
    guard();
    return store.folders(caller).stream().map(FolderDto::of).toList();
  }

  @POST
  @Path("folders")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Create a folder")
  public Response createFolder(@NotNull @Valid FolderRequest request) {
    guard();
    String name = folderName(request.name());
    FolderDto folder = FolderDto.of(store.createFolder(caller, request.parentId(), name));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("documents/folders")
                .path(folder.id().toString())
                .build())
        .entity(folder)
        .build();
  }

  @PUT
  @Path("folders/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Rename a folder")
  public FolderDto renameFolder(@PathParam("id") String id, @NotNull @Valid FolderRequest request) {
    guard();
    return FolderDto.of(store.renameFolder(caller, folderId(id), folderName(request.name())));
  }

  @DELETE
  @Path("folders/{id}")
  @RolesAllowed({WRITERS_1, WRITERS_2, WRITERS_3})
  @Operation(summary = "Delete an empty folder")
  public Response deleteFolder(@PathParam("id") String id) {
    guard();
    store.deleteFolder(caller, folderId(id));
    return Response.noContent().build();
  }

  // ---- plumbing
  // ------------------------------------------------------------------------------------------------------

  private SubscriptionTerms guard() {
    return access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
  }

  private static String folderName(String name) {
    String problem = fr.strasbourg.metrocloud.documents.domain.FileNames.problemWith(name);
    if (problem != null) {
      throw new BadRequestProblem(
          "invalid-folder-name",
          "Nom de dossier refusé : " + problem.replace("fichier", "dossier") + ".");
    }
    return name.strip();
  }

  private static List<String> tags(List<String> tags) {
    try {
      return Tags.normalize(tags);
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem("invalid-tags", "Étiquettes refusées : " + e.getMessage() + ".");
    }
  }

  static String decodeName(String header) {
    if (header == null) {
      return null;
    }
    try {
      return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem(
          "invalid-file-name",
          "En-tête X-File-Name mal encodé (UTF-8 encodé en pourcentage attendu).");
    }
  }

  private static UUID documentId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("document-not-found", "Document introuvable.");
    }
  }

  private static UUID folderId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("folder-not-found", "Dossier introuvable.");
    }
  }

  private static UUID uuidOrNull(String value, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem(what + "-not-found", "Dossier introuvable.");
    }
  }

  private static LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
