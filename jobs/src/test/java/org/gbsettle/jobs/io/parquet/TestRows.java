package org.gbsettle.jobs.io.parquet;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/** Builds rows of a test schema field by field; a null leaves the field out (a null in an OPTIONAL column). */
final class TestRows {

    private final SimpleGroupFactory factory;
    private final MessageType schema;

    TestRows(MessageType schema) {
        this.schema = schema;
        this.factory = new SimpleGroupFactory(schema);
    }

    /** A row from alternating field names and values (Long, Integer, String, or byte[] for binary). */
    Group row(@Nullable Object... namesAndValues) {
        Group g = factory.newGroup();
        for (int k = 0; k < namesAndValues.length; k += 2) {
            String name = String.valueOf(namesAndValues[k]);
            Object v = namesAndValues[k + 1];
            if (v == null) {
                continue;
            }
            if (v instanceof Long l) {
                if (schema.getType(name)
                        .asPrimitiveType()
                        .getPrimitiveTypeName()
                        .name()
                        .equals("INT32")) {
                    g.append(name, l.intValue());
                } else {
                    g.append(name, l);
                }
            } else if (v instanceof Integer i) {
                g.append(name, i);
            } else if (v instanceof String s) {
                g.append(name, s);
            } else if (v instanceof byte[] b) {
                g.append(name, Binary.fromConstantByteArray(b));
            } else {
                throw new IllegalArgumentException(v.getClass().getName());
            }
        }
        return g;
    }
}
