namespace System.IO;

/// <summary>A file operation failed; the message names the path and the reason.</summary>
public class IOException : SystemException
{
    public IOException(string message) : base(message) { }
}

/// <summary>The path names no file.</summary>
public class FileNotFoundException : IOException
{
    public FileNotFoundException(string message) : base(message) { }
}

/// <summary>The path names no directory.</summary>
public class DirectoryNotFoundException : IOException
{
    public DirectoryNotFoundException(string message) : base(message) { }
}
