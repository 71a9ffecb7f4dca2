using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Tests.Linux;

public class LibcTests
{
    [Fact]
    public void DirectoryNames_lists_files_and_folders_without_dot_entries_and_unicode_intact()
    {
        var folder = Directory.CreateTempSubdirectory("libc-test-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "gpiochip0"), "");
            File.WriteAllText(Path.Combine(folder.FullName, "gpiochip10"), "");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "mémoire"));
            var names = Libc.DirectoryNames(folder.FullName);
            names.Sort(StringComparer.Ordinal);
            Assert.Equal(["gpiochip0", "gpiochip10", "mémoire"], names);
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void DirectoryNames_of_a_missing_folder_is_empty() =>
        Assert.Empty(Libc.DirectoryNames("/nonexistent-" + Guid.NewGuid().ToString("N")));
}
