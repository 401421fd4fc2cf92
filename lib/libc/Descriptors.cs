namespace Ocean.Libc;

using Ocean.Abi;

/// <summary>The two ends of a kernel pipe, or the error that kept it from being made.</summary>
public readonly struct Pipe
{
    public int ReadEnd { get; init; }
    public int WriteEnd { get; init; }
    public Error Error { get; init; }
}

/// <summary>Kernel descriptors (the console, pipe ends) for programs without pointers: pipe, dup2, close.</summary>
public static unsafe class Descriptors
{
    public const int StandardInput = 0, StandardOutput = 1, StandardError = 2;

    /// <summary>A new pipe: what is written to <see cref="Pipe.WriteEnd"/> is read from <see cref="Pipe.ReadEnd"/>.</summary>
    public static Pipe CreatePipe()
    {
        int* ends = stackalloc int[2];
        long result = Syscall.Pipe(ends);
        return result < 0 ? new Pipe { ReadEnd = -1, WriteEnd = -1, Error = Error.Of(result) }
                          : new Pipe { ReadEnd = ends[0], WriteEnd = ends[1] };
    }

    /// <summary>Makes <paramref name="target"/> refer to what <paramref name="descriptor"/> does (dup2).</summary>
    public static Error Duplicate(int descriptor, int target) => Error.Of(Syscall.Dup2(descriptor, target));

    public static Error Close(int descriptor) => Error.Of(Syscall.Close(descriptor));
}
