-- Mixed requests for wrk: searches (with and without tone marks, phrases, filters), article
-- and entity lookups, story pages, lists and the web search page, in rotation.
local searches = {
  "ha%20noi", "h%C3%A0%20n%E1%BB%99i", "khoi%20cong", "%22cay%20cau%22", "benh%20vien",
  "nguyen%20van", "da%20nang%20khanh%20thanh", "dien%20gio", "xe%20buyt&from=2021-01&to=2024-12",
  "tuan&type=PER", "can%20tho", "quang%20ninh%20thong%20xe",
}
local articles = tonumber(os.getenv("LOAD_ARTICLES") or "100000")
-- UNCACHED=1: every search asks for another page of hits, so the server's answer cache
-- (popular queries) never helps and each search runs in full
local uncached = os.getenv("UNCACHED") == "1"
local counter = 0

request = function()
  counter = counter + 1
  local k = counter % 10
  local path
  if k < 5 then
    path = "/api/search?q=" .. searches[(counter % #searches) + 1]
    if uncached then
      path = path .. "&offset=" .. (counter % 997)
    end
  elseif k == 5 then
    path = "/api/articles/" .. ((counter * 7919) % articles + 1)
  elseif k == 6 then
    path = "/api/stories?limit=20&offset=" .. (counter % 100)
  elseif k == 7 then
    path = "/api/entities?type=PER&limit=20"
  elseif k == 8 then
    path = "/?q=" .. searches[(counter % #searches) + 1]
  else
    path = "/articles/" .. ((counter * 104729) % articles + 1)
  end
  return wrk.format("GET", path)
end
