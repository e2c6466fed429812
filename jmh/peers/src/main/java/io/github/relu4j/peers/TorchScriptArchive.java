package io.github.relu4j.peers;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module as {@code torch.jit.save} writes one (the class's code, its instance
 * pickled, the format version), built in memory from the class's source and loaded by DJL: no
 * Python, no file. The class has no parameters or buffers; its methods call PyTorch's operators.
 */
final class TorchScriptArchive {
    private TorchScriptArchive() {}

    /**
     * Loads the module of class {@code className} whose code is {@code code} into PyTorch.
     *
     * @param manager   the PyTorch manager that owns the module
     * @param className the class, as {@code code} declares it ({@code class NAME(Module):})
     * @param code      the class's TorchScript source
     * @return the loaded module
     */
    static PtSymbolBlock load(PtNDManager manager, String className, String code) {
        try {
            return JniUtils.loadModule(manager, new ByteArrayInputStream(archive(className, code)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive: {@code version}, {@code data.pkl} (the instance), {@code code/__torch__.py} and {@code constants.pkl}. */
    static byte[] archive(String className, String code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            entry(zip, "data.pkl", instance(className));
            entry(zip, "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            entry(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The instance, pickled (protocol 2) as TorchScript reads a module: GLOBAL
     * {@code __torch__.NAME}, an empty tuple and NEWOBJ, then BUILD with its attributes,
     * {@code {"training": True}}.
     */
    private static byte[] instance(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO 2
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88); // NEWTRUE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    /** Stored (not deflated) under the archive's one top folder, as PyTorch's reader expects. */
    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry("archive/" + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
