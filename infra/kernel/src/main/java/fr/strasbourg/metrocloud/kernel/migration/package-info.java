/**
 * Per-module database migrations. Each bounded context ships its own versioned SQL scripts ({@code
 * V<n>__<what>.sql} under {@code db/migration/<module>}) with its own history table, and declares
 * them with a {@link fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations} bean; the
 * application runs them in {@code order} with the schema owner's credentials before it reports
 * ready.
 */
package fr.strasbourg.metrocloud.kernel.migration;
