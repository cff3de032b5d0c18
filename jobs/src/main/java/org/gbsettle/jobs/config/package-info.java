/**
 * Spring configuration of the application: the database (embedded PostgreSQL by default, an external server when
 * {@code spring.datasource.url} is set), schema migration, and the {@code @ConfigurationProperties} records.
 */
@NullMarked
package org.gbsettle.jobs.config;

import org.jspecify.annotations.NullMarked;
