document.getElementById("app")!.textContent = "Roundtable";
