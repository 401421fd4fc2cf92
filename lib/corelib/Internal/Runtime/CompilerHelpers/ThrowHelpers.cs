namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// ilc calls these where generated code detects an error. The common ones throw the exception .NET
/// would (a program catches it; the kernel and the loader stop with its message, see RhpThrowEx);
/// the rest, which only a broken build produces, are fatal with a message that names the error.
/// </summary>
public static class ThrowHelpers
{
    public static void ThrowOverflowException() => throw new System.OverflowException("arithmetic overflow");
    public static void ThrowIndexOutOfRangeException() => throw new System.IndexOutOfRangeException("index out of range");
    public static void ThrowNullReferenceException() => throw new System.NullReferenceException("null reference");
    public static void ThrowDivideByZeroException() => throw new System.DivideByZeroException("division by zero");
    public static void ThrowArrayTypeMismatchException() => throw new System.ArrayTypeMismatchException("array type mismatch");
    public static void ThrowPlatformNotSupportedException() => throw new System.PlatformNotSupportedException("platform not supported");
    public static void ThrowNotImplementedException() => throw new System.NotImplementedException("not implemented");
    public static void ThrowTypeLoadException() => RuntimeImports.FatalError("type load failure");
    public static void ThrowArgumentException() => throw new System.ArgumentException("invalid argument");
    public static void ThrowArgumentOutOfRangeException() => throw new System.ArgumentOutOfRangeException("argument out of range");
    public static void ThrowInvalidCastException() => throw new System.InvalidCastException("invalid cast");
    public static void ThrowFeatureBodyRemoved() => RuntimeImports.FatalError("feature removed by the compiler");
    public static void ThrowInvalidProgramException() => RuntimeImports.FatalError("invalid program");
    public static void ThrowInvalidProgramExceptionWithArgument() => RuntimeImports.FatalError("invalid program");
    public static void ThrowTypeLoadExceptionWithArgument() => RuntimeImports.FatalError("type load failure");
    public static void ThrowMissingMethodException() => RuntimeImports.FatalError("missing method");
    public static void ThrowMissingFieldException() => RuntimeImports.FatalError("missing field");
    public static void ThrowFileNotFoundException() => RuntimeImports.FatalError("file not found");
    public static void ThrowBadImageFormatException() => RuntimeImports.FatalError("bad image format");
    public static void ThrowMarshalDirectiveException() => RuntimeImports.FatalError("marshal directive");
    public static void ThrowAmbiguousMatchException() => RuntimeImports.FatalError("ambiguous match");
}
