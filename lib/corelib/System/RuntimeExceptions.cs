namespace System;

// The exceptions generated code raises (through Internal.Runtime.CompilerHelpers.ThrowHelpers): a
// program catches them; in the kernel and the loader they stay fatal, with the same message.

/// <summary>An arithmetic operation failed.</summary>
public class ArithmeticException : SystemException
{
    public ArithmeticException(string message) : base(message) { }
}

/// <summary>A checked operation overflowed.</summary>
public sealed class OverflowException : ArithmeticException
{
    public OverflowException(string message) : base(message) { }
}

/// <summary>An integer division by zero.</summary>
public sealed class DivideByZeroException : ArithmeticException
{
    public DivideByZeroException(string message) : base(message) { }
}

/// <summary>An array or span index outside its bounds.</summary>
public sealed class IndexOutOfRangeException : SystemException
{
    public IndexOutOfRangeException(string message) : base(message) { }
}

/// <summary>A member used through a null reference.</summary>
public sealed class NullReferenceException : SystemException
{
    public NullReferenceException(string message) : base(message) { }
}

/// <summary>A cast to a type the object is not.</summary>
public sealed class InvalidCastException : SystemException
{
    public InvalidCastException(string message) : base(message) { }
}

/// <summary>An element of the wrong type stored into an array.</summary>
public sealed class ArrayTypeMismatchException : SystemException
{
    public ArrayTypeMismatchException(string message) : base(message) { }
}

/// <summary>An argument outside the range a method accepts.</summary>
public sealed class ArgumentOutOfRangeException : ArgumentException
{
    public ArgumentOutOfRangeException(string message) : base(message) { }
}

/// <summary>A method with no body yet.</summary>
public sealed class NotImplementedException : SystemException
{
    public NotImplementedException(string message) : base(message) { }
}

/// <summary>Something this platform does not do.</summary>
public sealed class PlatformNotSupportedException : NotSupportedException
{
    public PlatformNotSupportedException(string message) : base(message) { }
}

/// <summary>No memory for a new object or array, even after a collection.</summary>
public sealed class OutOfMemoryException : SystemException
{
    public OutOfMemoryException(string message) : base(message) { }
}
