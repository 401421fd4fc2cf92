namespace Ocean.Libc;

using System;
using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// Files for programs, through the VFS: paths relative to the working directory ($PWD), handles
/// that exit closes (as Unix closes descriptors), whole files read for exec. Results are 0 or a
/// count, or a negative errno (<see cref="Errors.Describe"/> words it).
/// </summary>
public static unsafe class Files
{
    public const int MaxPath = VfsProtocol.MaxPathBytes;
    private const int MaxTracked = 32;

    private struct Tracked
    {
        public fixed long Handles[MaxTracked];
    }

    // Used only through fixed statements, which the compiler does not count as a use (CS0169).
#pragma warning disable CS0169
    private static Tracked _open;
#pragma warning restore CS0169
    private static int _openCount;

    /// <summary>
    /// Where relative paths start once <see cref="ChangeDirectory"/> has set it (NUL-terminated); $PWD
    /// until then. Made at the first change: a buffer in the statics would be a kilobyte of writable
    /// data in every program, which each exec and fork pays for by the page.
    /// </summary>
    private static byte[] _workingDirectory;

    /// <summary>
    /// Makes the absolute path <paramref name="directory"/> the working directory of this process (the
    /// shell's cd: its own redirections and relative commands resolve against it; the environment it
    /// hands to children says $PWD).
    /// </summary>
    public static void ChangeDirectory(byte* directory)
    {
        int length = CString.Length(directory);
        if (length > MaxPath || directory[0] != (byte)'/')
            return;
        _workingDirectory ??= new byte[MaxPath + 1];
        for (int i = 0; i < length; i++)
            _workingDirectory[i] = directory[i];
        _workingDirectory[length] = 0;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute against the working directory and canonical into <paramref name="destination"/>
    /// (room for <see cref="MaxPath"/> + 1 bytes); returns its length or -ENAMETOOLONG.
    /// </summary>
    public static int Absolute(byte* path, byte* destination)
    {
        fixed (byte* set = _workingDirectory)
            return Absolute(set != null ? set : EnvironmentBlock.Lookup("PWD"), path, destination);
    }

    private static int Absolute(byte* directory, byte* path, byte* destination)
    {
        byte* root = stackalloc byte[2];
        root[0] = (byte)'/';
        root[1] = 0;
        int length = PathName.Resolve(directory != null && directory[0] == (byte)'/' ? directory : root, path, CString.Length(path), destination, MaxPath + 1);
        return length < 0 ? (int)-Errno.ENAMETOOLONG : length;
    }

    public static long Stat(byte* path, out VfsNodeKind kind, out ulong size)
    {
        kind = 0;
        size = 0;
        byte* absolute = stackalloc byte[MaxPath + 1];
        int length = Absolute(path, absolute);
        return length < 0 ? length : VfsClient.Stat(absolute, length, out kind, out size);
    }

    public static long Open(byte* path, ulong flags, out long handle) => Open(path, flags, out handle, out _, out _);

    public static long Open(byte* path, ulong flags, out long handle, out VfsNodeKind kind, out ulong size)
    {
        handle = -1;
        kind = 0;
        size = 0;
        byte* absolute = stackalloc byte[MaxPath + 1];
        int length = Absolute(path, absolute);
        if (length < 0)
            return length;
        long result = VfsClient.Open(absolute, length, flags, out handle, out kind, out size);
        if (result == 0 && _openCount < MaxTracked)
            fixed (long* handles = _open.Handles)
                handles[_openCount++] = handle;
        return result;
    }

    public static long Read(long handle, byte* buffer, ulong length) => VfsClient.Read(handle, buffer, length);

    public static long Write(long handle, byte* data, ulong length) => VfsClient.Write(handle, data, length);

    public static long Close(long handle)
    {
        fixed (long* handles = _open.Handles)
            for (int i = 0; i < _openCount; i++)
                if (handles[i] == handle)
                {
                    handles[i] = handles[--_openCount];
                    break;
                }
        return VfsClient.Close(handle);
    }

    /// <summary>Stops tracking the files open so far (a forked child: they are its parent's).</summary>
    public static void ForgetAll() => _openCount = 0;

    /// <summary>Closes every file still open (the exit path).</summary>
    public static void CloseAll()
    {
        while (_openCount > 0)
            fixed (long* handles = _open.Handles)
                Close(handles[_openCount - 1]);
    }

    /// <summary>Runs a path-only request (MakeDirectory, Unlink, …) on <paramref name="path"/> made absolute.</summary>
    public static long OnPath(byte* path, delegate*<byte*, int, long> request)
    {
        byte* absolute = stackalloc byte[MaxPath + 1];
        int length = Absolute(path, absolute);
        return length < 0 ? length : request(absolute, length);
    }

    public static long Rename(byte* oldPath, byte* newPath)
    {
        byte* from = stackalloc byte[MaxPath + 1];
        byte* to = stackalloc byte[MaxPath + 1];
        int fromLength = Absolute(oldPath, from);
        int toLength = Absolute(newPath, to);
        if (fromLength < 0 || toLength < 0)
            return -Errno.ENAMETOOLONG;
        return VfsClient.Rename(from, fromLength, to, toLength);
    }

    /// <summary>A whole file in fresh memory (mmap'd; give it back with <see cref="FreeWhole"/>).</summary>
    public static long ReadWhole(byte* path, out byte* data, out ulong size)
    {
        data = null;
        long result = Open(path, VfsOpenFlags.Read, out long handle, out VfsNodeKind kind, out size);
        if (result < 0)
            return result;
        if (kind != VfsNodeKind.File || size == 0)
        {
            Close(handle);
            return kind != VfsNodeKind.File ? -Errno.EISDIR : -Errno.ENOEXEC;
        }
        long mapped = Memory.Map(0, size, Protection.Read | Protection.Write);
        if (mapped < 0)
        {
            Close(handle);
            return mapped;
        }
        data = (byte*)mapped;
        ulong done = 0;
        while (done < size)
        {
            long count = Read(handle, data + done, size - done);
            if (count <= 0)
            {
                result = count < 0 ? count : -Errno.EIO;   // the file shrank under us
                break;
            }
            done += (ulong)count;
        }
        Close(handle);
        if (result < 0)
            FreeWhole(data, size);
        return result;
    }

    public static void FreeWhole(byte* data, ulong size) => Memory.Unmap((ulong)data, size);

    private const ulong CopyChunk = 64 * 1024;

    /// <summary>Copies the file <paramref name="from"/> to <paramref name="to"/> (created or replaced).</summary>
    public static long Copy(byte* from, byte* to)
    {
        long result = Open(from, VfsOpenFlags.Read, out long source, out VfsNodeKind kind, out _);
        if (result < 0)
            return result;
        if (kind == VfsNodeKind.Directory)
        {
            Close(source);
            return -Errno.EISDIR;
        }
        result = Open(to, VfsOpenFlags.Write | VfsOpenFlags.Create | VfsOpenFlags.Truncate, out long target);
        byte* buffer = result < 0 ? null : (byte*)Heap.Allocate((nuint)CopyChunk);
        if (result == 0 && buffer == null)
            result = -Errno.ENOMEM;
        long count = 0;
        while (result == 0 && (count = Read(source, buffer, CopyChunk)) > 0)
        {
            long written = Write(target, buffer, (ulong)count);
            if (written != count)
                result = written < 0 ? written : -Errno.ENOSPC;
        }
        if (result == 0 && count < 0)
            result = count;
        if (buffer != null)
            Heap.Free(buffer);
        if (target >= 0)
            Close(target);
        Close(source);
        return result;
    }

    /// <summary>
    /// Where cp and mv put <paramref name="source"/>: <paramref name="target"/> itself, or TARGET/NAME when
    /// the target is a directory. False if that does not fit <see cref="MaxPath"/>.
    /// </summary>
    public static bool Destination(byte* source, byte* target, byte* destination)
    {
        int length = CString.Length(target);
        if (length > MaxPath)
            return false;
        for (int i = 0; i <= length; i++)
            destination[i] = target[i];
        if (Stat(target, out VfsNodeKind kind, out _) != 0 || kind != VfsNodeKind.Directory)
            return true;
        byte* name = CString.BaseName(source);
        int nameLength = CString.Length(name);
        if (length + 1 + nameLength > MaxPath)
            return false;
        destination[length] = (byte)'/';
        for (int i = 0; i <= nameLength; i++)
            destination[length + 1 + i] = name[i];
        return true;
    }

    // The same calls for programs without pointers: string paths relative to the working directory,
    // the outcome as an Error.

    /// <summary>What is at <paramref name="path"/>: a file or a directory (0 with the error if nothing).</summary>
    public static Error Stat(string path, out VfsNodeKind kind, out ulong size)
    {
        kind = 0;
        size = 0;
        byte* text = stackalloc byte[MaxPath + 1];
        return path.ToAscii(text, MaxPath + 1) < 0 ? Error.Of(-Errno.ENAMETOOLONG) : Error.Of(Stat(text, out kind, out size));
    }

    /// <summary>The same for a path in bytes (no NUL needed).</summary>
    public static Error Stat(ReadOnlySpan<byte> path, out VfsNodeKind kind, out ulong size)
    {
        kind = 0;
        size = 0;
        byte* text = stackalloc byte[MaxPath + 1];
        return Bytes.CopyTerminated(path, new Span<byte>(text, MaxPath + 1)) ? Error.Of(Stat(text, out kind, out size))
                                                                             : Error.Of(-Errno.ENAMETOOLONG);
    }

    /// <summary>
    /// <see cref="ChangeDirectory(byte*)"/> for an absolute path in bytes: what later relative paths of
    /// this process start from. Nothing changes if it is not absolute or too long.
    /// </summary>
    public static void ChangeDirectory(string directory) => ChangeDirectory(Latin1.ToBytes(directory));

    /// <summary><see cref="ChangeDirectory(string)"/> for a path in bytes.</summary>
    public static void ChangeDirectory(ReadOnlySpan<byte> directory)
    {
        byte* text = stackalloc byte[MaxPath + 1];
        if (Bytes.CopyTerminated(directory, new Span<byte>(text, MaxPath + 1)))
            ChangeDirectory(text);
    }

    public static Error MakeDirectory(string path) => OnPath(path, &VfsClient.MakeDirectory);

    /// <summary>Removes the directory <paramref name="path"/>, which must be empty.</summary>
    public static Error RemoveDirectory(string path) => OnPath(path, &VfsClient.RemoveDirectory);

    /// <summary>Removes the file <paramref name="path"/> (rm).</summary>
    public static Error Remove(string path) => OnPath(path, &VfsClient.Unlink);

    /// <summary>Makes <paramref name="path"/> exist: an empty file if there was nothing (touch).</summary>
    public static Error Touch(string path)
    {
        File file = File.Open(path, VfsOpenFlags.Write | VfsOpenFlags.Create);
        file.Close();
        return file.Error;
    }

    /// <summary>Moves <paramref name="from"/> to <paramref name="to"/> within one file system (EXDEV across two).</summary>
    public static Error Rename(string from, string to) => OnPaths(from, to, &Rename);

    /// <summary>Copies the file <paramref name="from"/> to <paramref name="to"/> (created or replaced).</summary>
    public static Error Copy(string from, string to) => OnPaths(from, to, &Copy);

    /// <summary>
    /// Where cp and mv put <paramref name="source"/>: <paramref name="target"/>, or TARGET/NAME when it is a
    /// directory. When that is too long, a path longer still, so the copy or rename fails with ENAMETOOLONG.
    /// </summary>
    public static string Destination(string source, string target)
    {
        byte* sourceText = stackalloc byte[MaxPath + 1];
        byte* targetText = stackalloc byte[MaxPath + 1];
        byte* destination = stackalloc byte[MaxPath + 1];
        if (source.ToAscii(sourceText, MaxPath + 1) < 0 || target.ToAscii(targetText, MaxPath + 1) < 0 ||
            !Destination(sourceText, targetText, destination))
            return string.Concat(target, "/", source);
        return Strings.FromAscii(destination);
    }

    // Both paths as byte strings, then the pointer call.
    private static Error OnPaths(string from, string to, delegate*<byte*, byte*, long> call)
    {
        byte* fromText = stackalloc byte[MaxPath + 1];
        byte* toText = stackalloc byte[MaxPath + 1];
        if (from.ToAscii(fromText, MaxPath + 1) < 0 || to.ToAscii(toText, MaxPath + 1) < 0)
            return Error.Of(-Errno.ENAMETOOLONG);
        return Error.Of(call(fromText, toText));
    }

    private static Error OnPath(string path, delegate*<byte*, int, long> request)
    {
        byte* text = stackalloc byte[MaxPath + 1];
        return path.ToAscii(text, MaxPath + 1) < 0 ? Error.Of(-Errno.ENAMETOOLONG) : Error.Of(OnPath(text, request));
    }
}
