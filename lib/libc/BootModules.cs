namespace Ocean.Libc;

using System;
using System.IO;

/// <summary>
/// A boot module read whole by its path ("/boot/ocean/services.conf"): what a program that starts
/// before the VFS (init) reads its configuration from. Failures as <c>System.IO.File</c>'s: a
/// <see cref="FileNotFoundException"/> when no module has the path, else an <see cref="IOException"/>.
/// </summary>
public static unsafe class BootModules
{
    private const int ChunkBytes = 4096;

    public static byte[] ReadAllBytes(string path)
    {
        if (path is null)
            throw new ArgumentNullException(nameof(path));
        byte[] name = Latin1.ToBytes(path + "\0");
        var data = new GrowingBuffer(ChunkBytes);
        while (true)
        {
            Span<byte> room = data.Room();
            long read;
            fixed (byte* terminated = name)
            fixed (byte* into = room)
                read = Syscall.BootModuleRead(terminated, (ulong)data.Length, into, (ulong)room.Length);
            if (read < 0)
            {
                Error error = Error.Of(read);
                string message = path + ": " + error.Message;
                throw error.Code == Ocean.Abi.Errno.ENOENT ? new FileNotFoundException(message) : new IOException(message);
            }
            if (read == 0)
                return data.ToArray();
            data.Advance((int)read);
        }
    }

    public static string ReadAllText(string path) => Latin1.ToString(ReadAllBytes(path));
}
