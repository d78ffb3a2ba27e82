// "Salin" next to a shared link: copies it where the browser allows; the field stays selectable.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.querySelector(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(() => {
      button.textContent = button.dataset.done;
    });
  });
});
