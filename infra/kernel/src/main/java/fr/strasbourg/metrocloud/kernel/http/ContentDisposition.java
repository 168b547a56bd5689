package fr.strasbourg.metrocloud.kernel.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a download (RFC 6266), safe for any file name. */
public final class ContentDisposition {

  private ContentDisposition() {}

  /**
   * {@code attachment} with an ASCII fallback name (non-ASCII, quotes and backslashes replaced) and
   * the exact name in UTF-8 ({@code filename*}).
   */
  public static String attachment(String fileName) {
    String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
