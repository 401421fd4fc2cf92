namespace Ocean.Libc;

/// <summary>
/// What went wrong, as a value: 0 for nothing, else a positive <see cref="Ocean.Abi.Errno"/> number.
/// The safe calls return it instead of a negative count, so a program never mixes the two up.
/// </summary>
public readonly struct Error
{
    private Error(long code) => Code = code;

    /// <summary>0, or the errno (compare with <c>Errno.EXDEV</c> and the like).</summary>
    public long Code { get; }

    public bool Ok => Code == 0;

    public bool Failed => Code != 0;

    /// <summary>The words a user reads after "cat: x: ".</summary>
    public string Message => Errors.Describe(Code);

    /// <summary>The error in a system call's or libocean's result: none for 0 or a count, else its errno.</summary>
    public static Error Of(long result) => new(result < 0 ? -result : 0);
}
