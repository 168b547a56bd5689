package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import java.security.SecureRandom;

/**
 * One-time passwords for new accounts: 20 characters from an alphabet without look-alikes, with at
 * least one lower case letter, upper case letter, digit and symbol, so that any reasonable realm
 * password policy accepts them.
 */
final class TemporaryPasswords {

  private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-_.!@#%+=";
  private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TemporaryPasswords() {}

  static String generate() {
    char[] password = new char[20];
    password[0] = pick(LOWER);
    password[1] = pick(UPPER);
    password[2] = pick(DIGITS);
    password[3] = pick(SYMBOLS);
    for (int i = 4; i < password.length; i++) {
      password[i] = pick(ALL);
    }
    for (int i = password.length - 1; i > 0; i--) {
      int j = RANDOM.nextInt(i + 1);
      char tmp = password[i];
      password[i] = password[j];
      password[j] = tmp;
    }
    return new String(password);
  }

  private static char pick(String alphabet) {
    return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
  }
}
