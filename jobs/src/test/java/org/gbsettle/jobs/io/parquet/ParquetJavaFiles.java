package org.gbsettle.jobs.io.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes test files with parquet-java's own writer ({@link ExampleParquetWriter}), without Hadoop: the configuration
 * is a {@link PlainParquetConfiguration} and the codecs are {@link ParquetCodecs}.
 */
final class ParquetJavaFiles {

    /** How a file is written: codec, data page version, dictionary, rows per row group and per page, checksums. */
    record Options(
            CompressionCodecName codec,
            WriterVersion version,
            boolean dictionary,
            int rowGroupRows,
            int pageRows,
            boolean checksums) {

        Options(CompressionCodecName codec, WriterVersion version, boolean dictionary, int rowGroupRows, int pageRows) {
            this(codec, version, dictionary, rowGroupRows, pageRows, false);
        }

        static Options defaults() {
            return new Options(CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, 1000, 250);
        }

        Options withDictionary(boolean on) {
            return new Options(codec, version, on, rowGroupRows, pageRows, checksums);
        }

        Options withChecksums() {
            return new Options(CompressionCodecName.UNCOMPRESSED, version, dictionary, rowGroupRows, pageRows, true);
        }

        @Override
        public String toString() {
            return codec + "/" + (version == WriterVersion.PARQUET_1_0 ? "v1" : "v2") + "/"
                    + (dictionary ? "dict" : "plain");
        }
    }

    /**
     * {@code withConf(ParquetConfiguration)} by method handle: javac cannot choose between it and the overload taking
     * a Hadoop {@code Configuration} without Hadoop on the compile path, and {@code Class.getMethod} would load Hadoop.
     */
    private static final MethodHandle WITH_CONF;

    static {
        try {
            WITH_CONF = MethodHandles.publicLookup()
                    .findVirtual(
                            ParquetWriter.Builder.class,
                            "withConf",
                            MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ParquetJavaFiles() {}

    static void write(Path file, MessageType schema, Options options, List<Group> rows) throws IOException {
        write(file, schema, options, rows, ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE);
    }

    /**
     * As {@link #write(Path, MessageType, Options, List)} with a dictionary page size limit in bytes: a column whose
     * dictionary grows past it goes on in PLAIN from the next page (parquet-java's dictionary fallback).
     */
    static void write(Path file, MessageType schema, Options options, List<Group> rows, int dictionaryPageSize)
            throws IOException {
        Files.deleteIfExists(file);
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder()
                .withFile(new LocalOutputFile(file))
                .withType(schema)
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(options.codec())
                .withWriterVersion(options.version())
                .withDictionaryEncoding(options.dictionary())
                .withDictionaryPageSize(dictionaryPageSize)
                .withRowGroupRowCountLimit(options.rowGroupRows())
                .withPageRowCountLimit(options.pageRows())
                .withPageWriteChecksumEnabled(options.checksums());
        try {
            WITH_CONF.invoke(builder, (ParquetConfiguration) new PlainParquetConfiguration());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            for (Group g : rows) {
                writer.write(g);
            }
        }
    }
}
