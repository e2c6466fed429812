package io.github.relu4j.peers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One-node ONNX models, written as protobuf bytes directly (the ONNX protobuf classes would be one
 * more dependency for two tiny messages): a float tensor {@code x} of any length through
 * {@code Relu} or {@code LeakyRelu(alpha)} into {@code y}. IR version 8, opset 13.
 */
final class OnnxModels {
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT, and AttributeProto.AttributeType.FLOAT

    private OnnxModels() {}

    static byte[] relu() {
        return model(node("Relu", null));
    }

    static byte[] leakyRelu(float alpha) {
        byte[] attribute = new Proto().string(1, "alpha").float32(2, alpha).varint(20, FLOAT).bytes();
        return model(node("LeakyRelu", attribute));
    }

    private static byte[] node(String opType, byte[] attribute) {
        Proto node = new Proto().string(1, "x").string(2, "y").string(3, "node").string(4, opType);
        return attribute == null ? node.bytes() : node.message(5, attribute).bytes();
    }

    private static byte[] model(byte[] node) {
        byte[] graph = new Proto().message(1, node).string(2, "graph")
                .message(11, floatVector("x")).message(12, floatVector("y")).bytes();
        byte[] opset = new Proto().string(1, "").varint(2, 13).bytes();
        return new Proto().varint(1, 8).string(2, "relu4j-peers").message(7, graph).message(8, opset).bytes();
    }

    /** ValueInfoProto: a float tensor of one dimension, of symbolic length "n". */
    private static byte[] floatVector(String name) {
        byte[] dim = new Proto().string(2, "n").bytes();
        byte[] shape = new Proto().message(1, dim).bytes();
        byte[] tensor = new Proto().varint(1, FLOAT).message(2, shape).bytes();
        byte[] type = new Proto().message(1, tensor).bytes();
        return new Proto().string(1, name).message(2, type).bytes();
    }

    /** Just enough of the protobuf wire format: varints, length-delimited fields, fixed32 floats. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Proto float32(int field, float value) {
            tag(field, 5);
            int bits = Float.floatToRawIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        Proto string(int field, String value) {
            return message(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            raw((long) field << 3 | wireType);
        }

        private void raw(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
