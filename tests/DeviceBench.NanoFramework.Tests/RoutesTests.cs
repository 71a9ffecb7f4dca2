using FirmwareRoute = DeviceBench.Firmware.Engines.Route;
using FirmwareRoutes = DeviceBench.Firmware.Engines.Routes;

namespace DeviceBench.NanoFramework.Tests;

/// <summary>The fairness rules: the ESP32 firmware serves the same bytes as the Linux firmware (and Rust and Go, whose tests check the same).</summary>
public class RoutesTests
{
    [Fact]
    public void Bodies_and_content_types_are_the_linux_firmwares_bytes()
    {
        Assert.Equal(FirmwareRoutes.PlainBody.ToArray(), Routes.Body(Route.Plain));
        Assert.Equal(FirmwareRoutes.JsonBody.ToArray(), Routes.Body(Route.Json));
        Assert.Equal(FirmwareRoutes.PlainContentType, Routes.ContentType(Route.Plain));
        Assert.Equal(FirmwareRoutes.JsonContentType, Routes.ContentType(Route.Json));
        Assert.Empty(Routes.Body(Route.NotFound));
        Assert.Null(Routes.ContentType(Route.NotFound));
    }

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/json", 200)]
    [InlineData("/?x=1", 200)]
    [InlineData("/json?pretty", 200)]
    [InlineData("/JSON", 404)]
    [InlineData("/json/", 404)]
    [InlineData("/favicon.ico", 404)]
    [InlineData("", 404)]
    public void Paths_route_as_the_linux_firmware_routes_them(string path, int status)
    {
        var route = Routes.Match(path);
        Assert.Equal(status, Routes.StatusCode(route));
        string bare = path.Split('?')[0];
        Assert.Equal(FirmwareRoutes.Match(bare) switch { FirmwareRoute.Plain => Route.Plain, FirmwareRoute.Json => Route.Json, _ => Route.NotFound }, route);
    }
}
