/** The demo's page script: the whole app runs in the browser (see app.ts). */
import "./styles.css";
import { startApp } from "./app.js";

startApp(document.getElementById("app")!);
