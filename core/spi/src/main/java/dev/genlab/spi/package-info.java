/**
 * The genlab plugin contract.
 *
 * <p>Three kinds of plugin are discovered with {@link java.util.ServiceLoader}: {@link ModelPlugin},
 * {@link DatasetPlugin} and {@link MetricPlugin}. Each is a small descriptor with a unique
 * {@linkplain Plugin#name() name} (the {@code type} used in experiment files), a description, the
 * {@linkplain Modality modalities} it handles and a typed, immutable config record whose defaults live in
 * the plugin jar's {@code reference.conf} under {@code genlab.<kind>.<name>}. The runtime builds the
 * implementation class with constructor injection ({@code jakarta.inject.Inject}), handing it its config
 * record.
 *
 * <p>Data passed between plugins is immutable: a columnar {@link Table} with a {@link Schema}, or a text
 * {@link Corpus}. This package depends on nothing but {@code jakarta.inject}.
 */
package dev.genlab.spi;
