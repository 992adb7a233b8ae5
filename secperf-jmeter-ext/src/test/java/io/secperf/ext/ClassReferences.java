package io.secperf.ext;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file refers to, read from its constant pool: class entries (superclass, interfaces, owners of
 * called methods and fields, instantiated types) and every {@code Lname;} type in descriptors and signatures. Enough
 * to tell whether a jar links against a given set of other jars, without loading anything; and the class's access
 * flags.
 */
final class ClassReferences {

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[\\w$]+)+);");

    private ClassReferences() {
    }

    /** Internal names ({@code a/b/C}) referred to by {@code classFile}; array and primitive types left out. */
    static Set<String> of(byte[] classFile) throws IOException {
        return read(classFile).references();
    }

    /** Whether {@code classFile} is an abstract class or an interface (JMeter lists neither in its menus). */
    static boolean isAbstract(byte[] classFile) throws IOException {
        return (read(classFile).access() & (ACC_ABSTRACT | ACC_INTERFACE)) != 0;
    }

    private record Parsed(int access, Set<String> references) {
    }

    private static Parsed read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classIndexes = new int[count];
        int classes = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndexes[classes++] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        int access = in.readUnsignedShort();
        Set<String> names = new TreeSet<>();
        for (int c = 0; c < classes; c++) {
            String name = utf8[classIndexes[c]];
            if (name.startsWith("[")) {
                addDescriptorTypes(name, names);
            } else {
                names.add(name);
            }
        }
        for (String text : utf8) {
            if (text != null && text.indexOf(';') > 0) {
                addDescriptorTypes(text, names);
            }
        }
        return new Parsed(access, names);
    }

    private static void addDescriptorTypes(String descriptor, Set<String> names) {
        Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
        while (m.find()) {
            names.add(m.group(1));
        }
    }
}
