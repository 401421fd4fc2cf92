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
        var data = new byte[ChunkBytes];
        int length = 0;
        while (true)
        {
            if (length == data.Length)
            {
                var larger = new byte[2 * data.Length];
                new Span<byte>(data).CopyTo(larger);
                data = larger;
            }
            long read;
            fixed (byte* terminated = name)
            fixed (byte* into = data)
                read = Syscall.BootModuleRead(terminated, (ulong)length, into + length, (ulong)(data.Length - length));
            if (read < 0)
            {
                Error error = Error.Of(read);
                string message = path + ": " + error.Message;
                throw error.Code == Ocean.Abi.Errno.ENOENT ? new FileNotFoundException(message) : new IOException(message);
            }
            if (read == 0)
                return new Span<byte>(data, 0, length).ToArray();
            length += (int)read;
        }
    }

    public static string ReadAllText(string path) => Latin1.ToString(ReadAllBytes(path));
}
