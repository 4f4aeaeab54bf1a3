import pytest

from resources.embeds import VideoEmbed, parse_video_url


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://youtube.com/watch?feature=share&v=aqz-KE-bpKQ&t=30", "YouTube", "aqz-KE-bpKQ"),
        ("https://m.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ?si=abc", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/embed/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", "YouTube", "aqz-KE-bpKQ"),
        ("  http://www.youtube.com/watch?v=aqz-KE-bpKQ  ", "YouTube", "aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "Vimeo", "76979871"),
        ("https://vimeo.com/channels/staffpicks/76979871", "Vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871?h=abc", "Vimeo", "76979871"),
        ("https://www.dailymotion.com/video/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://www.dailymotion.com/video/x7tgad0_un-titre", "Dailymotion", "x7tgad0"),
        ("https://www.dailymotion.com/embed/video/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://dai.ly/x7tgad0", "Dailymotion", "x7tgad0"),
        ("https://geo.dailymotion.com/player.html?video=x7tgad0", "Dailymotion", "x7tgad0"),
    ],
)
def test_known_video_links_give_their_provider_and_id(url, provider, video_id):
    assert parse_video_url(url) == VideoEmbed(provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://radio.example.org/emissions/cooperation-haiti",
        "https://www.youtube.com/watch?v=exemple",  # not an 11-character id
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ%22onload%3D",
        "https://www.youtube.com/channel/UCabcdefghijk",
        "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil.example/youtu.be/aqz-KE-bpKQ",
        "javascript:alert(1)//youtu.be/aqz-KE-bpKQ",
        "ftp://youtu.be/aqz-KE-bpKQ",
        "https://vimeo.com/about",
        "https://vimeo.com/76979871abc",
        "https://www.dailymotion.com/user/x7tgad0",
        "https://www.dailymotion.com/video/<script>",
        "https://[not-a-host/watch?v=aqz-KE-bpKQ",
    ],
)
def test_other_links_are_not_embedded(url):
    assert parse_video_url(url) is None


@pytest.mark.parametrize(
    ("embed", "expected"),
    [
        (
            VideoEmbed("YouTube", "aqz-KE-bpKQ"),
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        (VideoEmbed("Vimeo", "76979871"), "https://player.vimeo.com/video/76979871?dnt=1"),
        (VideoEmbed("Dailymotion", "x7tgad0"), "https://www.dailymotion.com/embed/video/x7tgad0"),
    ],
)
def test_embed_address_is_built_on_the_providers_privacy_friendly_player(embed, expected):
    assert embed.embed_url.startswith(expected)
