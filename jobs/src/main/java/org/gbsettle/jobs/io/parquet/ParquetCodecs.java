package org.gbsettle.jobs.io.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The Parquet page codecs without Hadoop: uncompressed, Snappy (snappy-java), ZSTD (zstd-jni), GZIP ({@code
 * java.util.zip}) and LZ4_RAW (aircompressor), for the meter-data reader's pages and for {@code ParquetWriter}
 * builders ({@code withCodecFactory}). parquet-java's own {@code CodecFactory} goes through Hadoop's {@code
 * CompressionCodec} classes, which this project does not ship. The legacy Hadoop-framed LZ4, LZO and Brotli codecs are
 * refused with a clear message.
 */
public final class ParquetCodecs implements CompressionCodecFactory {

    /** The shared instance; the codecs hold no state. */
    public static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        return new Compressor(supported(codecName));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return new Decompressor(supported(codecName));
    }

    @Override
    public void release() {
        // nothing pooled
    }

    private static CompressionCodecName supported(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP, LZ4_RAW -> codec;
            default ->
                throw new UnsupportedOperationException("Parquet compression codec " + codec
                        + " is not supported (supported: UNCOMPRESSED, SNAPPY, ZSTD, GZIP, LZ4_RAW)");
        };
    }

    /** Decompresses {@code length} bytes of {@code in} into exactly {@code uncompressedSize} bytes. */
    static byte[] decompress(CompressionCodecName codec, byte[] in, int offset, int length, int uncompressedSize)
            throws IOException {
        byte[] out = new byte[uncompressedSize];
        int n;
        switch (codec) {
            case UNCOMPRESSED -> {
                System.arraycopy(in, offset, out, 0, Math.min(length, uncompressedSize));
                n = length;
            }
            case SNAPPY -> n = Snappy.uncompress(in, offset, length, out, 0);
            case ZSTD -> {
                long r = Zstd.decompressByteArray(out, 0, uncompressedSize, in, offset, length);
                if (Zstd.isError(r)) {
                    throw new IOException("ZSTD page cannot be decompressed: " + Zstd.getErrorName(r));
                }
                n = (int) r;
            }
            case GZIP -> {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, offset, length))) {
                    n = gz.readNBytes(out, 0, uncompressedSize);
                    if (n == uncompressedSize && gz.read() >= 0) {
                        n++;
                    }
                }
            }
            case LZ4_RAW -> n = new Lz4Decompressor().decompress(in, offset, length, out, 0, uncompressedSize);
            default -> throw new IllegalStateException(codec.name());
        }
        if (n != uncompressedSize) {
            throw new IOException(
                    codec + " page decompressed to " + n + " bytes, the page header says " + uncompressedSize);
        }
        return out;
    }

    /** Compresses {@code in}. */
    static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> Snappy.compress(in);
            case ZSTD -> Zstd.compress(in, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    gz.write(in);
                }
                yield bytes.toByteArray();
            }
            case LZ4_RAW -> {
                Lz4Compressor lz4 = new Lz4Compressor();
                byte[] out = new byte[lz4.maxCompressedLength(in.length)];
                int n = lz4.compress(in, 0, in.length, out, 0, out.length);
                yield Arrays.copyOf(out, n);
            }
            default -> throw new IllegalStateException(codec.name());
        };
    }

    private static byte[] toBytes(BytesInput bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, bytes.size()));
        bytes.writeAllTo(out);
        return out.toByteArray();
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] in = toBytes(bytes);
            return BytesInput.from(ParquetCodecs.decompress(codec, in, 0, in.length, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(ParquetCodecs.decompress(codec, in, 0, compressedSize, uncompressedSize));
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            return BytesInput.from(ParquetCodecs.compress(codec, toBytes(bytes)));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }
}
