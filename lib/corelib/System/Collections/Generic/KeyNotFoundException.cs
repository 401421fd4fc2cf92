namespace System.Collections.Generic;

/// <summary>A dictionary was asked for a key it does not hold.</summary>
public sealed class KeyNotFoundException : SystemException
{
    public KeyNotFoundException() : base("the key is not in the dictionary") { }

    public KeyNotFoundException(string message) : base(message) { }
}
