namespace Ocean.Tests.UserTests;

using Ocean.Libc;
using Ocean.Shared;

/// <summary>
/// <c>utest base</c>: everyday C# over the base library (tests/Shared/BaseLibraryCases.cs), each result
/// printed as "base: name=result"; the system test runs the same cases on .NET and compares.
/// </summary>
public static partial class Program
{
    private sealed class PrintedReport : IBaseLibraryReport
    {
        public int Cases;

        public void Report(string name, string result)
        {
            Stdio.Write("base: ");
            Stdio.Write(name);
            Stdio.Write("=");
            Stdio.WriteLine(result);
            Cases++;
        }
    }

    private static int BaseLibrary()
    {
        var report = new PrintedReport();
        BaseLibraryCases.Run(report);
        Stdio.Write("base: ");
        Stdio.Write((long)report.Cases);
        Stdio.WriteLine(" cases");
        return 0;
    }
}
