using System.CommandLine;

namespace DeviceBench.Cli;

/// <summary>
/// Files named by options, checked before anything runs: a ten-minute load must not end in "could not write the
/// result", and a typo must not leave an empty file behind or truncate the one that was there.
/// </summary>
public static class OptionFiles
{
    /// <summary>A file option whose empty value is refused in words, not with System.CommandLine's "expected type 'System.IO.FileInfo'".</summary>
    public static Option<FileInfo?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "file",
        CustomParser = result =>
        {
            var text = BoundedOption.Text(result);
            if (text.Length > 0)
            {
                return new FileInfo(text);
            }

            result.AddError($"{BoundedOption.Typed(result)} needs a file name");
            return null;
        },
    };

    /// <summary>
    /// Null when <paramref name="file"/> is absent or can be written; otherwise one line naming the option and why.
    /// An existing file is opened without truncating it, a new one is created and deleted again.
    /// </summary>
    public static string? CheckWritable(string option, FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            if (Directory.Exists(file.FullName))
            {
                return $"{option} {file}: is a directory";
            }

            var existed = File.Exists(file.FullName);
            using (new FileStream(file.FullName, existed ? FileMode.Open : FileMode.CreateNew, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(file.FullName);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option} {file}: {Describe(e, file.FullName)}";
        }
    }

    /// <summary>Why a file could not be used, in the words of ls and cat rather than of the exception.</summary>
    public static string Describe(Exception error, string path) => error switch
    {
        DirectoryNotFoundException => $"no such directory {Path.GetDirectoryName(Path.GetFullPath(path))}",
        FileNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => error?.Message ?? "cannot be used",
    };
}
