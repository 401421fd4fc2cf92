namespace Ocean.Libc;

using System;
using Ocean.Abi;
using Ocean.Protocols;

/// <summary>One service as init reports it (the shell's `services`); its name and version go to the caller's buffers.</summary>
public readonly struct ServiceStatus
{
    /// <summary>ENOENT past the last service; another error if init does not answer.</summary>
    public Error Error { get; init; }
    public long Pid { get; init; }
    public ServiceState State { get; init; }
    public long Restarts { get; init; }
    /// <summary>How many bytes of the name buffer hold the name.</summary>
    public int NameLength { get; init; }
    public int VersionLength { get; init; }

    /// <summary>Room a name needs.</summary>
    public const int NameBytes = InitProtocol.NameBytes;
    public const int VersionBytes = InitProtocol.VersionBytes;

    /// <summary>
    /// Service <paramref name="index"/> (from 0): its status, with its name in <paramref name="name"/> and its
    /// package version in <paramref name="version"/> (each cut to fit; <see cref="NameBytes"/> and <see cref="VersionBytes"/> always do).
    /// </summary>
    public static unsafe ServiceStatus Read(int index, Span<byte> name, Span<byte> version)
    {
        IpcMessage reply;
        long result = Services.Status(index, &reply);
        if (result < 0)
            return new ServiceStatus { Error = Error.Of(result) };
        return new ServiceStatus
        {
            Pid = (long)reply.Words[InitProtocol.PidWord],
            State = (ServiceState)reply.Words[InitProtocol.StateWord],
            Restarts = (long)reply.Words[InitProtocol.RestartsWord],
            NameLength = Unpack(reply.Words + InitProtocol.NameWord, InitProtocol.NameWords, name),
            VersionLength = Unpack(reply.Words + InitProtocol.VersionWord, InitProtocol.VersionWords, version),
        };
    }

    // Text packed into message words, up to its NUL, cut to the destination.
    private static unsafe int Unpack(ulong* words, int wordCount, Span<byte> destination)
    {
        byte* text = stackalloc byte[wordCount * sizeof(ulong) + 1];
        int length = MessageText.Unpack(words, wordCount, text);
        if (length > destination.Length)
            length = destination.Length;
        new ReadOnlySpan<byte>(text, length).CopyTo(destination);
        return length;
    }
}
