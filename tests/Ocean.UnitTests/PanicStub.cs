#nullable enable
namespace Ocean.Kernel.Lib;

/// <summary>The kernel's stop for a broken invariant, on the host: an exception a test can expect.</summary>
public static class Panic
{
    public static void Halt(string message) => throw new KernelPanicException(message);
}

public sealed class KernelPanicException(string message) : Exception(message);
