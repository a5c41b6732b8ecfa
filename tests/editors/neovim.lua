-- Neovim (0.7 and later) as a real LSP client of `milestone-lint server`, headless: open the
-- file ML_FILE under ML_ROOT, wait for the server's diagnostics, write them to ML_OUT, quit.
-- Run: ML_ROOT=... ML_FILE=... ML_OUT=... ML_CMD="milestone-lint server" \
--      nvim --headless --clean -c "luafile tests/editors/neovim.lua"
local function fail(message)
  local file = io.open(vim.env.ML_OUT, "w")
  file:write("ERROR " .. message .. "\n")
  file:close()
  vim.cmd("qa!")
end

local cmd = vim.split(vim.env.ML_CMD, " ", { trimempty = true })
local client_id = vim.lsp.start_client({
  name = "milestone-lint",
  cmd = cmd,
  root_dir = vim.env.ML_ROOT,
})
if not client_id then
  fail("the server did not start")
end
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.ML_FILE))
local buffer = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buffer, client_id)
local arrived = vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
if not arrived then
  fail("no diagnostics within 30 s")
end
local file = io.open(vim.env.ML_OUT, "w")
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  file:write(string.format("%s %d:%d %s\n", code, d.lnum + 1, d.col + 1, d.message))
end
file:close()
vim.lsp.stop_client(client_id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 50)
vim.cmd("qa!")
