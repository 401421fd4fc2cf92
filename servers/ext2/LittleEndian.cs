namespace Ocean.Servers.Ext2;

/// <summary>ext2 stores every field little-endian; these read and write them in block buffers.</summary>
public static class LittleEndian
{
    public static ushort U16(byte[] data, int offset) => (ushort)(data[offset] | data[offset + 1] << 8);

    public static uint U32(byte[] data, int offset) =>
        (uint)(data[offset] | data[offset + 1] << 8 | data[offset + 2] << 16 | data[offset + 3] << 24);

    public static void Put16(byte[] data, int offset, uint value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
    }

    public static void Put32(byte[] data, int offset, uint value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
        data[offset + 2] = (byte)(value >> 16);
        data[offset + 3] = (byte)(value >> 24);
    }

    public static void Copy(byte[] source, int sourceOffset, byte[] destination, int destinationOffset, int count)
    {
        for (int i = 0; i < count; i++)
            destination[destinationOffset + i] = source[sourceOffset + i];
    }

    public static void Clear(byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
            data[offset + i] = 0;
    }
}
