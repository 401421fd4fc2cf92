namespace Ocean.Libc;

using System;
using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// An open file for programs without pointers: a file of the VFS, or standard input or output. Each
/// operation remembers the first error, which <see cref="Error"/> tells; a failed read reads as the
/// end. A mutable struct: keep it in a local variable.
/// </summary>
public unsafe struct File
{
    private const long NoHandle = -1;
    private const int NoDescriptor = -1;

    private long _handle;
    private readonly int _descriptor;

    private File(long handle, int descriptor, Error error, VfsNodeKind kind, ulong size)
    {
        _handle = handle;
        _descriptor = descriptor;
        Error = error;
        Kind = kind;
        Size = size;
    }

    /// <summary>Opens <paramref name="path"/> (relative to the working directory) with <see cref="VfsOpenFlags"/>.</summary>
    public static File Open(string path, ulong flags)
    {
        byte* text = stackalloc byte[Files.MaxPath + 1];
        if (path.ToAscii(text, Files.MaxPath + 1) < 0)
            return Failed(Errno.ENAMETOOLONG);
        long result = Files.Open(text, flags, out long handle, out VfsNodeKind kind, out ulong size);
        return result < 0 ? Failed(-result) : new File(handle, NoDescriptor, default, kind, size);
    }

    /// <summary>Opens the file whose path is <paramref name="path"/>'s bytes (no NUL needed), as <see cref="Open(string, ulong)"/>.</summary>
    public static File Open(ReadOnlySpan<byte> path, ulong flags)
    {
        byte* text = stackalloc byte[Files.MaxPath + 1];
        if (!Bytes.CopyTerminated(path, new Span<byte>(text, Files.MaxPath + 1)))
            return Failed(Errno.ENAMETOOLONG);
        long result = Files.Open(text, flags, out long handle, out VfsNodeKind kind, out ulong size);
        return result < 0 ? Failed(-result) : new File(handle, NoDescriptor, default, kind, size);
    }

    /// <summary>A kernel descriptor, such as a pipe end (closing leaves it open: see <see cref="Descriptors"/>).</summary>
    public static File FromDescriptor(int descriptor) => new(NoHandle, descriptor, default, 0, 0);

    /// <summary>Descriptor 0: the console or whatever the shell connected (closing leaves it open).</summary>
    public static File StandardInput => new(NoHandle, Stdio.StandardInput, default, 0, 0);

    /// <summary>Descriptor 1, unbuffered (what <see cref="Stdio"/> holds goes out first).</summary>
    public static File StandardOutput => new(NoHandle, Stdio.StandardOutput, default, 0, 0);

    private static File Failed(long errno) => new(NoHandle, NoDescriptor, Error.Of(-errno), 0, 0);

    /// <summary>The first thing that went wrong (open, read, write or close).</summary>
    public Error Error { get; private set; }

    public readonly bool Ok => Error.Ok;

    /// <summary>What was opened: a file or a directory (0 for standard input and output).</summary>
    public VfsNodeKind Kind { get; }

    /// <summary>Its size when it was opened.</summary>
    public ulong Size { get; }

    /// <summary>Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/>; 0 at the end or after an error.</summary>
    public int Read(byte[] buffer, int count) => Read(new Span<byte>(buffer, 0, count < buffer.Length ? count : buffer.Length));

    /// <summary>Reads into <paramref name="buffer"/> (at most one request's worth); 0 at the end or after an error.</summary>
    public int Read(Span<byte> buffer)
    {
        fixed (byte* data = buffer)
            return Transfer(data, buffer.Length, write: false);
    }

    /// <summary>Writes the first <paramref name="count"/> bytes of <paramref name="buffer"/>; the count written (all, unless <see cref="Error"/> says why not).</summary>
    public int Write(byte[] buffer, int count) => Write(new ReadOnlySpan<byte>(buffer, 0, count < buffer.Length ? count : buffer.Length));

    /// <summary>Writes <paramref name="data"/>; the count written (all, unless <see cref="Error"/> says why not).</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        int count = data.Length;
        fixed (byte* start = data)
        {
            int written = Transfer(start, count, write: true);
            // A pipe or the console may take part of it: the rest goes in further writes. A file of the
            // VFS takes all it can in one (VfsClient loops), so a short write there means it is full.
            while (_descriptor != NoDescriptor && Error.Ok && written > 0 && written < count)
            {
                int more = Transfer(start + written, count - written, write: true);
                if (more == 0)
                    break;
                written += more;
            }
            if (Error.Ok && written < count)
                Error = Error.Of(-Errno.ENOSPC);
            return written;
        }
    }

    private int Transfer(byte* data, int count, bool write)
    {
        if (Error.Failed || count <= 0)
            return 0;
        if (write && _descriptor != NoDescriptor)
            Stdio.Flush();   // what Stdio holds goes out first
        long result = _descriptor != NoDescriptor
            ? (write ? Syscall.Write(_descriptor, data, (ulong)count) : Syscall.Read(_descriptor, data, (ulong)count))
            : _handle == NoHandle ? -Errno.EBADF
            : write ? Files.Write(_handle, data, (ulong)count) : Files.Read(_handle, data, (ulong)count);
        return Record(result);
    }

    /// <summary>The next entry of an open directory; one with a null name at the end or after an error.</summary>
    public DirectoryEntry ReadEntry()
    {
        if (Error.Failed || _handle == NoHandle)
            return default;
        byte* name = stackalloc byte[VfsProtocol.MaxNameBytes + 1];
        long length = VfsClient.ReadDirectory(_handle, name, VfsProtocol.MaxNameBytes, out VfsNodeKind kind, out ulong size);
        if (length <= 0)
        {
            Record(length);
            return default;
        }
        name[length] = 0;
        return new DirectoryEntry { Name = Strings.FromAscii(name), Kind = kind, Size = size };
    }

    /// <summary>Closes a file of the VFS (once); standard input and output stay open.</summary>
    public void Close()
    {
        if (_handle == NoHandle)
            return;
        long result = Files.Close(_handle);
        _handle = NoHandle;
        Record(result);
    }

    private int Record(long result)
    {
        if (result < 0)
        {
            if (Error.Ok)
                Error = Error.Of(result);
            return 0;
        }
        return (int)result;
    }
}

/// <summary>One entry of a directory: its name (null past the last), kind and size.</summary>
public readonly struct DirectoryEntry
{
    public string Name { get; init; }
    public VfsNodeKind Kind { get; init; }
    public ulong Size { get; init; }
}
